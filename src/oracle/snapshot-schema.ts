// JS-SHAPE-001/003/004/007/008 from one schema validation: enum problems name the documented values,
// format problems the timestamp rules, everything else the schema as a whole. What the vendor allows
// (a vendor final status, a stage on a finished job, a timestamp without an offset) is sorted out here.
import { validate, type SchemaProblem } from '../contract/schemas.js';
import { isKnownStatus, isTerminal, isVendorFinalStatus, isVendorStatus } from '../model/status.js';
import { finding, type Finding, type FindingContext } from './finding.js';
import { NO_FINDINGS, type JudgementSink } from './judgement.js';
import { objectAt } from './values.js';

/** An ISO 8601 date-time without an offset: valid for doc-new's plain strings, not RFC 3339 (SPEC-011). */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function valueAt(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const part of path.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

/** The requirement a problem breaks, or undefined when the vendor allows it. */
function requirementOf(problem: SchemaProblem, body: unknown): string | undefined {
  const status = objectAt(body)?.status;
  if (problem.keyword === 'enum' || problem.keyword === 'const') {
    if (problem.path === '/status' && isVendorStatus(status)) return 'JS-SHAPE-007';
    // "When status is running, current_stage indicates which stage": a finished job's stage is undocumented.
    if (problem.path === '/progress/current_stage' && isKnownStatus(status) && isTerminal(status)) return undefined;
    return 'JS-SHAPE-003';
  }
  if (problem.keyword === 'format') {
    const value = valueAt(body, problem.path);
    return typeof value === 'string' && LOCAL_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? 'JS-SHAPE-008' : 'JS-SHAPE-004';
  }
  return 'JS-SHAPE-001';
}

function describe(problem: SchemaProblem, body: unknown): string {
  const status = objectAt(body)?.status;
  if (problem.path === '/status' && isVendorFinalStatus(status)) {
    return `status "${status}" is a final status only the vendor's client code names, not the job-status page (SPEC-002); judged as terminal`;
  }
  if (problem.path === '/status' && isVendorStatus(status)) {
    return `status "${status}" is a status only the vendor's MCP job filter names, not the job-status page (SPEC-002); judged as non-terminal, like running`;
  }
  if (problem.keyword === 'format' && requirementOf(problem, body) === 'JS-SHAPE-008')
    return `${problem.message} (no UTC offset, SPEC-011)`;
  return problem.message;
}

/** Problems a dedicated state check reports under its own id (JS-STATE-008/009): one defect, one finding. */
function judgedElsewhere(problem: SchemaProblem): boolean {
  if (problem.path === '/estimated_time_remaining_seconds') return true;
  return problem.keyword === 'minimum' && /^\/progress\/(files_\w+|elapsed_seconds)$/.test(problem.path);
}

/** The findings of the schema problems of a snapshot, each under the requirement it breaks (none where the vendor allows it). */
function findingsOfProblems(problems: readonly SchemaProblem[], body: unknown, context: FindingContext): Finding[] {
  const out: Finding[] = [];
  for (const problem of problems) {
    const requirement = judgedElsewhere(problem) ? undefined : requirementOf(problem, body);
    if (requirement)
      out.push(finding(requirement, `JobStatus ${describe(problem, body)}`, context, { path: problem.path, keyword: problem.keyword }));
  }
  return out;
}

const SCHEMA_IDS: readonly string[] = ['JS-SHAPE-001', 'JS-SHAPE-003', 'JS-SHAPE-004', 'JS-SHAPE-008'];
const WITH_STATUS_NAME_IDS: readonly string[] = [...SCHEMA_IDS, 'JS-SHAPE-007'];

/** The schema's requirements judged on every snapshot (JS-SHAPE-007 where a job reports its end or a vendor status), into `out`. */
export function checkSnapshotSchema(body: unknown, context: FindingContext, out: JudgementSink): void {
  const problems = validate('JobStatus', body);
  const findings = problems.length === 0 ? NO_FINDINGS : findingsOfProblems(problems, body, context);
  const status = objectAt(body)?.status;
  const ids = isKnownStatus(status) && (isTerminal(status) || isVendorStatus(status)) ? WITH_STATUS_NAME_IDS : SCHEMA_IDS;
  if (findings.length === 0) {
    for (const id of ids) out.add(id, NO_FINDINGS); // the usual answer: nothing to sort
    return;
  }
  const judgedIds: string[] = [...ids];
  for (const f of findings) if (!judgedIds.includes(f.requirement)) judgedIds.push(f.requirement);
  for (const id of judgedIds)
    out.add(
      id,
      findings.filter((f) => f.requirement === id),
    );
}
