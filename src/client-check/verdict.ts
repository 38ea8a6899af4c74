// One client's verdict over every scenario it was checked on: a requirement failed where any scenario
// failed it, passed where it was judged and always held, not covered where no scenario exercised it.
import { levelIn, linksOf, type Evidence, type Level, type Profile, type SourceLink } from '../contract/catalog.js';
import type { ClientFinding, ScenarioJudgement } from './judge.js';
import { clientRequirements } from './requirements.js';

export type ClientRequirementStatus = 'passed' | 'failed' | 'not-covered';
export type ClientVerdict = 'conformant' | 'not-conformant' | 'incomplete';

export interface ClientRequirementResult {
  id: string;
  level: Level;
  evidence: Evidence;
  title: string;
  statement: string;
  source: string;
  /** The vendor pages and code `source` quotes (the catalog's `sources`), for the report to link. */
  links: SourceLink[];
  status: ClientRequirementStatus;
  /** Scenarios where it held, and where it failed. */
  passedIn: string[];
  failedIn: string[];
  findings: ClientFinding[];
}

export interface ClientSummary {
  requirements: number;
  passed: number;
  failed: number;
  warned: number;
  notCovered: number;
  verdict: ClientVerdict;
}

export function requirementResults(judgements: readonly ScenarioJudgement[], profile: Profile): ClientRequirementResult[] {
  return clientRequirements().map((r) => {
    const inScenarios = judgements.flatMap((j) => j.requirements.filter((x) => x.id === r.id).map((x) => ({ scenario: j.scenario, ...x })));
    const failedIn = inScenarios.filter((x) => x.status === 'failed').map((x) => x.scenario);
    const passedIn = inScenarios.filter((x) => x.status === 'passed').map((x) => x.scenario);
    const status: ClientRequirementStatus = failedIn.length > 0 ? 'failed' : passedIn.length > 0 ? 'passed' : 'not-covered';
    return {
      id: r.id,
      level: levelIn(r, profile),
      evidence: r.evidence,
      title: r.title,
      statement: r.statement,
      source: r.source,
      links: linksOf(r),
      status,
      passedIn,
      failedIn,
      findings: inScenarios.flatMap((x) => x.findings),
    };
  });
}

export function summaryOf(results: readonly ClientRequirementResult[]): ClientSummary {
  const failedMust = results.some((r) => r.status === 'failed' && r.level === 'MUST');
  const uncoveredMust = results.some((r) => r.status === 'not-covered' && r.level === 'MUST');
  return {
    requirements: results.length,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed' && r.level === 'MUST').length,
    warned: results.filter((r) => r.status === 'failed' && r.level === 'SHOULD').length,
    notCovered: results.filter((r) => r.status === 'not-covered').length,
    verdict: failedMust ? 'not-conformant' : uncoveredMust ? 'incomplete' : 'conformant',
  };
}
