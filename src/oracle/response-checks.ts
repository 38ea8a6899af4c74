// Checks of single responses other than job snapshots: the placeholder, errors, 429s, and the
// query and cancel endpoints the lifecycle depends on. Each judges into a sink (judgement.ts), saying
// which requirements it ran on, so "held" and "never looked at" stay apart.
import { validate, type SchemaName } from '../contract/schemas.js';
import type { QueryVersion } from '../model/query-version.js';
import { readRetryAfter } from '../model/retry-after.js';
import { isJsonObject, parseJson } from '../model/json.js';
import { clip } from '../contract/clip.js';
import type { Exchange } from './exchange.js';
import { finding, type Finding, type FindingContext } from './finding.js';
import { addAs, addJudgement, NO_FINDINGS, type JudgementSink } from './judgement.js';
import { objectAt, show, stringAt } from './values.js';

function schemaFindings(requirement: string, schema: SchemaName, body: unknown, context: FindingContext): Finding[] {
  return validate(schema, body).map((p) => finding(requirement, `${schema} ${p.message}`, context, { path: p.path, keyword: p.keyword }));
}

/** application/json and any +json type, with parameters or not. */
const JSON_MEDIA_TYPE = /^application\/([\w.+-]*\+)?json\b/i;

/** An answer with a body is served as JSON (JS-SHAPE-005); an answer with no body, or none at all, is not judged. */
export function checkContentType(exchange: Exchange, context: FindingContext, out: JudgementSink): void {
  if (exchange.status === 0 || exchange.body.length === 0) return;
  const type = exchange.headers['content-type'] ?? '';
  if (type === 'application/json' || JSON_MEDIA_TYPE.test(type)) return out.add('JS-SHAPE-005', NO_FINDINGS); // the usual header needs no regex
  addJudgement(out, 'JS-SHAPE-005', context, `HTTP ${exchange.status} served as ${show(type || 'no content type')}, not application/json`);
}

/** A 5xx instead of the placeholder breaks JS-PH-001; other answers are not judged here. */
export function checkNoServerError(exchange: Exchange, context: FindingContext, out: JudgementSink): void {
  if (exchange.status < 500) return;
  const message = `the job-status endpoint answered HTTP ${exchange.status} instead of the placeholder: ${clip(exchange.body, 80, 'length', 'one-line')}`;
  addJudgement(out, 'JS-PH-001', context, message);
}

/** The body names the job asked for (JS-SHAPE-002); with no job asked for, it holds. */
export function checkJobIdEcho(body: unknown, expectedJobId: string | undefined, context: FindingContext, out: JudgementSink): void {
  const jobId = expectedJobId === undefined ? undefined : objectAt(body)?.job_id;
  addJudgement(
    out,
    'JS-SHAPE-002',
    context,
    expectedJobId !== undefined && jobId !== expectedJobId && `job_id is ${show(jobId)}, expected ${show(expectedJobId)}`,
  );
}

const PLACEHOLDER_REQUIREMENTS = ['JS-PH-002', 'JS-PH-005'] as const;

/** The documented keys with their types (JS-PH-002); any other key, even a null one, is JS-PH-005. */
export function checkPlaceholderShape(body: unknown, context: FindingContext, out: JudgementSink): void {
  const problems = validate('Placeholder', body);
  if (problems.length === 0) {
    for (const id of PLACEHOLDER_REQUIREMENTS) out.add(id, NO_FINDINGS);
    return;
  }
  const findings = problems.map((p) =>
    p.keyword === 'additionalProperties'
      ? finding('JS-PH-005', `the placeholder carries a key beyond the documented five: ${show(p.params.additionalProperty)}`, context, {
          path: p.path,
        })
      : finding('JS-PH-002', `Placeholder ${p.message}`, context, { path: p.path, keyword: p.keyword }),
  );
  for (const id of PLACEHOLDER_REQUIREMENTS) addAs(out, id, findings);
}

/** A 429 says when to come back, in a valid Retry-After (JS-RATE-001); other answers are not judged here. */
export function checkRetryAfter(exchange: Exchange, context: FindingContext, out: JudgementSink): void {
  if (exchange.status !== 429) return;
  const value = exchange.headers['retry-after'];
  // The instant only matters for dates in the past, which are valid (wait 0): any clock will do.
  const reading = readRetryAfter(value, 0);
  addJudgement(
    out,
    'JS-RATE-001',
    context,
    reading === undefined
      ? 'HTTP 429 without a Retry-After header'
      : !reading.valid && `Retry-After ${show(value)} is not valid: ${reading.reason}`,
  );
}

/** Statuses whose body must be an Error (JS-ERR-002); 422 carries a ValidationError (JS-ERR-003). */
const ERROR_BODY_STATUSES = [401, 403, 404, 429];

/** 401, 403, 404 and 429 carry an Error body (JS-ERR-002); 422 a ValidationError body (JS-ERR-003). */
export function checkErrorBody(exchange: Exchange, context: FindingContext, out: JudgementSink): void {
  const requirement = exchange.status === 422 ? 'JS-ERR-003' : ERROR_BODY_STATUSES.includes(exchange.status) ? 'JS-ERR-002' : undefined;
  if (!requirement) return;
  const parsed = parseJson(exchange.body);
  const findings = parsed.ok
    ? schemaFindings(requirement, exchange.status === 422 ? 'ValidationError' : 'Error', parsed.value, context)
    : [finding(requirement, `HTTP ${exchange.status} body is not JSON: ${clip(exchange.body, 80, 'length', 'one-line')}`, context)];
  out.add(requirement, findings.length === 0 ? NO_FINDINGS : findings);
}

/**
 * An answer of any endpoint: its content type, its error body, and a 429's Retry-After. No answer at
 * all (status 0) is the suite's or the network's trouble: nothing of the target's to judge.
 */
export function checkAnswer(exchange: Exchange, context: FindingContext, out: JudgementSink): void {
  if (exchange.status === 0) return;
  checkContentType(exchange, context, out);
  checkRetryAfter(exchange, context, out);
  checkErrorBody(exchange, context, out);
}

/** JS-MEDIA-003 (the schema) and, when there are results, JS-MEDIA-004 (each result names its source file). */
export function checkQueryResponse(body: unknown, context: FindingContext, out: JudgementSink): void {
  const schema = schemaFindings('JS-MEDIA-003', 'QueryResponse', body, context);
  out.add('JS-MEDIA-003', schema.length === 0 ? NO_FINDINGS : schema);
  const results = objectAt(body)?.search_results;
  if (!Array.isArray(results) || results.length === 0) return; // no result, nothing to name its file
  const unnamed: Finding[] = [];
  results.forEach((result, i) => {
    const r = isJsonObject(result) ? result : {};
    if (![r.filename, r.uri, r.document_id].some((v) => stringAt(v))) {
      unnamed.push(finding('JS-MEDIA-004', `search_results[${i}] names no filename, uri or document_id`, context));
    }
  });
  out.add('JS-MEDIA-004', unnamed.length === 0 ? NO_FINDINGS : unnamed);
}

/**
 * The v3 query's answer, judged against its own schema (JS-MEDIA-003, QueryResponseV3) and, when there
 * are results, JS-MEDIA-004: each carries its parent `document` (the suite asks include.document) with
 * a filename, source uri or id. A result without document names no file; it is a finding, never matched.
 */
export function checkQueryResponseV3(body: unknown, context: FindingContext, out: JudgementSink): void {
  const schema = schemaFindings('JS-MEDIA-003', 'QueryResponseV3', body, context);
  out.add('JS-MEDIA-003', schema.length === 0 ? NO_FINDINGS : schema);
  const results = objectAt(body)?.results;
  if (!Array.isArray(results) || results.length === 0) return;
  const unnamed: Finding[] = [];
  results.forEach((result, i) => {
    const document = objectAt(isJsonObject(result) ? result.document : undefined);
    if (!document) {
      unnamed.push(
        finding('JS-MEDIA-004', `results[${i}] carries no document (asked with include.document), so it names no file`, context),
      );
    } else if (![document.filename, objectAt(document.source)?.uri, document.id].some((v) => stringAt(v))) {
      unnamed.push(finding('JS-MEDIA-004', `results[${i}].document names no filename, source.uri or id`, context));
    }
  });
  out.add('JS-MEDIA-004', unnamed.length === 0 ? NO_FINDINGS : unnamed);
}

/** The answer to a cancel request is a CancelResponse (JS-CANCEL-004). */
export function checkCancelResponse(body: unknown, context: FindingContext, out: JudgementSink): void {
  const findings = schemaFindings('JS-CANCEL-004', 'CancelResponse', body, context);
  out.add('JS-CANCEL-004', findings.length === 0 ? NO_FINDINGS : findings);
}

/** A query answer: as an answer of any endpoint, and a 200's body against its own version's schema (JS-MEDIA-003/004). */
export function checkQueryAnswer(
  exchange: Exchange,
  body: unknown,
  version: QueryVersion,
  context: FindingContext,
  out: JudgementSink,
): void {
  checkAnswer(exchange, context, out);
  if (exchange.status !== 200) return; // an error answer's body is judged as an error (checkErrorBody)
  if (version === 'v3') checkQueryResponseV3(body, context, out);
  else checkQueryResponse(body, context, out);
}

/** A cancel answer (either way): as an answer of any endpoint, and a 200's body as a CancelResponse (JS-CANCEL-004). */
export function checkCancelAnswer(exchange: Exchange, body: unknown, context: FindingContext, out: JudgementSink): void {
  checkAnswer(exchange, context, out);
  if (exchange.status === 200) checkCancelResponse(body, context, out);
}
