// files_limit of GET /v2/jobs/{job_id}: 1 to 500, 50 when omitted (doc-new; MCP zod min(1).max(500)).
export const MIN_FILES_LIMIT = 1;
export const MAX_FILES_LIMIT = 500;
export const DEFAULT_FILES_LIMIT = 50;
