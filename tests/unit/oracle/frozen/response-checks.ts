// Checks of single responses other than job snapshots: the placeholder, errors, 429s, and the
// query and cancel endpoints the lifecycle depends on.
import { validate, type SchemaName } from '../../../../src/contract/schemas.js';
import { readRetryAfter } from '../../../../src/model/retry-after.js';
import { isJsonObject, parseJson } from '../../../../src/model/json.js';
import { clip } from '../../../../src/contract/clip.js';
import type { Exchange } from '../../../../src/oracle/exchange.js';
import { finding, type Finding, type FindingContext } from '../../../../src/oracle/finding.js';
import { objectAt, show, stringAt } from '../../../../src/oracle/values.js';

function schemaFindings(requirement: string, schema: SchemaName, body: unknown, context: FindingContext): Finding[] {
  return validate(schema, body).map((p) => finding(requirement, `${schema} ${p.message}`, context, { path: p.path, keyword: p.keyword }));
}

/** application/json and any +json type, with parameters or not. */
const JSON_MEDIA_TYPE = /^application\/([\w.+-]*\+)?json\b/i;

/** How an answer's content type breaks JS-SHAPE-005, if it does (an answer with a body, served as other than JSON). */
export function contentTypeFailure(exchange: Exchange): string | undefined {
  if (exchange.status === 0 || exchange.body.length === 0) return undefined;
  const type = exchange.headers['content-type'] ?? '';
  if (type === 'application/json' || JSON_MEDIA_TYPE.test(type)) return undefined; // the usual header needs no regex
  return `HTTP ${exchange.status} served as ${show(type || 'no content type')}, not application/json`;
}

export function checkContentType(exchange: Exchange, context: FindingContext = {}): Finding[] {
  const failure = contentTypeFailure(exchange);
  return failure === undefined ? [] : [finding('JS-SHAPE-005', failure, context)];
}

export function checkNoServerError(exchange: Exchange, context: FindingContext = {}): Finding[] {
  return exchange.status >= 500
    ? [
        finding(
          'JS-PH-001',
          `the job-status endpoint answered HTTP ${exchange.status} instead of the placeholder: ${clip(exchange.body, 80, 'length', 'one-line')}`,
          context,
        ),
      ]
    : [];
}

/** How a body breaks JS-SHAPE-002, if it does: its job_id is not the one asked for. */
export function jobIdEchoFailure(body: unknown, expectedJobId: string | undefined): string | undefined {
  if (expectedJobId === undefined) return undefined;
  const jobId = objectAt(body)?.job_id;
  return jobId === expectedJobId ? undefined : `job_id is ${show(jobId)}, expected ${show(expectedJobId)}`;
}

export function checkJobIdEcho(body: unknown, expectedJobId: string | undefined, context: FindingContext = {}): Finding[] {
  const failure = jobIdEchoFailure(body, expectedJobId);
  return failure === undefined ? [] : [finding('JS-SHAPE-002', failure, context)];
}

/** The documented keys with their types (JS-PH-002); any other key, even a null one, is JS-PH-005. */
export function checkPlaceholderShape(body: unknown, context: FindingContext = {}): Finding[] {
  return validate('Placeholder', body).map((p) =>
    p.keyword === 'additionalProperties'
      ? finding('JS-PH-005', `the placeholder carries a key beyond the documented five: ${show(p.params.additionalProperty)}`, context, {
          path: p.path,
        })
      : finding('JS-PH-002', `Placeholder ${p.message}`, context, { path: p.path, keyword: p.keyword }),
  );
}

export function checkRetryAfter(exchange: Exchange, context: FindingContext = {}): Finding[] {
  if (exchange.status !== 429) return [];
  const value = exchange.headers['retry-after'];
  // The instant only matters for dates in the past, which are valid (wait 0): any clock will do.
  const reading = readRetryAfter(value, 0);
  if (reading === undefined) return [finding('JS-RATE-001', 'HTTP 429 without a Retry-After header', context)];
  return reading.valid ? [] : [finding('JS-RATE-001', `Retry-After ${show(value)} is not valid: ${reading.reason}`, context)];
}

/** 401, 403, 404 and 429 carry an Error body (JS-ERR-002); 422 a ValidationError body (JS-ERR-003). */
export function checkErrorBody(exchange: Exchange, context: FindingContext = {}): Finding[] {
  const requirement = exchange.status === 422 ? 'JS-ERR-003' : [401, 403, 404, 429].includes(exchange.status) ? 'JS-ERR-002' : undefined;
  if (!requirement) return [];
  const parsed = parseJson(exchange.body);
  if (!parsed.ok)
    return [finding(requirement, `HTTP ${exchange.status} body is not JSON: ${clip(exchange.body, 80, 'length', 'one-line')}`, context)];
  return schemaFindings(requirement, exchange.status === 422 ? 'ValidationError' : 'Error', parsed.value, context);
}

/** JS-MEDIA-003 (the schema) and JS-MEDIA-004 (each result names its source file). */
export function checkQueryResponse(body: unknown, context: FindingContext = {}): Finding[] {
  const out = schemaFindings('JS-MEDIA-003', 'QueryResponse', body, context);
  const results = objectAt(body)?.search_results;
  if (!Array.isArray(results)) return out;
  results.forEach((result, i) => {
    const r = isJsonObject(result) ? result : {};
    if (![r.filename, r.uri, r.document_id].some((v) => stringAt(v))) {
      out.push(finding('JS-MEDIA-004', `search_results[${i}] names no filename, uri or document_id`, context));
    }
  });
  return out;
}

export function checkCancelResponse(body: unknown, context: FindingContext = {}): Finding[] {
  return schemaFindings('JS-CANCEL-004', 'CancelResponse', body, context);
}
