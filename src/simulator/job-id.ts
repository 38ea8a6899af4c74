// What a job id can look like. Real ids are UUID-like tokens; a path segment with `<`, `/`, `%`,
// `.`, spaces and the like is not an id at all, which a typed path parameter rejects before lookup.

const WELL_FORMED_JOB_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function isWellFormedJobId(jobId: string): boolean {
  return WELL_FORMED_JOB_ID.test(jobId);
}
