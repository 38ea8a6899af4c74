// JS-SHAPE-001/003/004 from one schema validation: enum problems name the strict profile,
// format problems the timestamp rule, everything else the schema as a whole.
import { validate, type SchemaProblem } from '../contract/schemas.js';
import { UNCATALOGUED_STATUSES } from '../model/status.js';
import { finding, type Finding, type FindingContext } from './finding.js';

function requirementOf(problem: SchemaProblem): string {
  if (problem.keyword === 'enum' || problem.keyword === 'const') return 'JS-SHAPE-003';
  if (problem.keyword === 'format') return 'JS-SHAPE-004';
  return 'JS-SHAPE-001';
}

function describe(problem: SchemaProblem, body: unknown): string {
  const status = (body as { status?: unknown } | null)?.status;
  if (problem.path === '/status' && (UNCATALOGUED_STATUSES as readonly string[]).includes(status as string)) {
    return `${problem.message} ("${String(status)}" appears only in other vendor material, SPEC-002)`;
  }
  return problem.message;
}

/** Problems a dedicated state check reports under its own id (JS-STATE-008/009): one defect, one finding. */
function judgedElsewhere(problem: SchemaProblem): boolean {
  if (problem.path === '/estimated_time_remaining_seconds') return true;
  return problem.keyword === 'minimum' && /^\/progress\/(files_\w+|elapsed_seconds)$/.test(problem.path);
}

export function checkSnapshotSchema(body: unknown, context: FindingContext = {}): Finding[] {
  return validate('JobStatus', body).filter((problem) => !judgedElsewhere(problem)).map((problem) =>
    finding(requirementOf(problem), `JobStatus ${describe(problem, body)}`, context, {
      path: problem.path,
      keyword: problem.keyword,
    }),
  );
}
