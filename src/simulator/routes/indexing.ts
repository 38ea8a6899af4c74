// The index endpoints that create jobs: text, url, file (multipart), s3 and s3/file. Each
// answers `{job_id, status: "pending"}`; the job then plays the scenario built by job-factory. A JSON
// body is judged by its request schema in spec/openapi.yaml first; the checks here are what no schema states.
import type { SchemaName } from '../../contract/openapi.js';
import { jsonObject, multipart } from '../body.js';
import type { Collection } from '../collection-store.js';
import type { Handler, Route, RouteRequest, SimulatorState } from '../context.js';
import { scenarioFor } from '../job-factory.js';
import { seededRandom } from '../../model/random.js';
import { transcriptOf } from '../transcript.js';
import { isMediaUri } from '../../model/file-name.js';
import type { ProcessingType } from '../../model/job.js';
import { error, invalid, issue, ok, type Reply, type ValidationIssue } from '../reply.js';
import { schemaIssues, withSemanticIssues } from '../request-schema.js';

type Fields = Record<string, unknown>;

interface Options {
  processingType: ProcessingType;
  skipExisting: boolean;
}

function collectionOf(state: SimulatorState, request: RouteRequest): Collection | Reply {
  const name = request.params.collection_name!;
  return state.collections.get(request.orgId, name) ?? error(404, `Collection '${name}' not found`);
}

function stringField(body: Fields, name: string, issues: ValidationIssue[], required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) issues.push(issue(['body', name], 'Field required', 'missing'));
    return undefined;
  }
  if (typeof value !== 'string' || value === '') {
    issues.push(issue(['body', name], 'Input should be a non-empty string', 'string_type'));
    return undefined;
  }
  return value;
}

function boolField(value: unknown, name: string, fallback: boolean, issues: ValidationIssue[]): boolean {
  if (value === undefined || value === null) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  issues.push(issue(['body', name], 'Input should be a valid boolean', 'bool_type'));
  return fallback;
}

/** processing_type (required on JSON endpoints), skip_existing and overwrite_existing. */
function options(body: Fields, issues: ValidationIssue[], processingDefault?: ProcessingType): Options | Reply {
  const raw = body.processing_type ?? processingDefault;
  let processingType: ProcessingType = 'basic';
  if (raw === undefined) issues.push(issue(['body', 'processing_type'], 'Field required', 'missing'));
  else if (raw === 'basic' || raw === 'advanced') processingType = raw;
  else issues.push(issue(['body', 'processing_type'], "Input should be 'advanced' or 'basic'", 'enum'));
  const skipExisting = boolField(body.skip_existing, 'skip_existing', true, issues);
  const overwrite = boolField(body.overwrite_existing, 'overwrite_existing', false, issues);
  if (skipExisting && overwrite && body.skip_existing !== undefined) {
    return error(400, 'overwrite_existing=true requires skip_existing=false');
  }
  return { processingType, skipExisting: skipExisting && !overwrite };
}

function createJob(
  state: SimulatorState,
  request: RouteRequest,
  collection: Collection,
  jobType: string,
  uris: string[],
  opts: Options,
  contents = new Map<string, string>(),
): Reply {
  const unique = [...new Set(uris)];
  const scenario = scenarioFor({
    jobType,
    collection,
    uris: unique,
    processingType: opts.processingType,
    skipExisting: opts.skipExisting,
    timing: state.timing,
  });
  const job = state.jobs.create({
    orgId: request.orgId,
    collectionId: collection.collectionId,
    scenario,
    createdAtMs: state.clock.now(),
    contents,
    publicJob: true,
  });
  return ok({ job_id: job.identity.jobId, status: 'pending' });
}

function managedUri(collection: Collection, filename: string): string {
  return `captain://collections/${collection.name}/${encodeURIComponent(filename)}`;
}

type ReadFiles = (
  body: Fields,
  issues: ValidationIssue[],
  collection: Collection,
  state: SimulatorState,
) => { uris: string[]; contents?: Map<string, string> } | Reply;

/**
 * Shared frame of the JSON endpoints: collection, JSON object body, its request schema (null: the spec has
 * none), then the endpoint's own rules. A 400 the endpoint decides still wins over the schema's 422s.
 */
function jsonEndpoint(jobType: string, schema: SchemaName | null, read: ReadFiles, processingDefault?: ProcessingType): Handler {
  return (state, request) => {
    const collection = collectionOf(state, request);
    if ('status' in collection) return collection;
    const body = jsonObject(request.headers['content-type'], request.body);
    if (!body.ok) return body.reply;
    const fromSchema = schema === null ? [] : schemaIssues(schema, body.value);
    const semantic: ValidationIssue[] = [];
    const opts = options(body.value, semantic, processingDefault);
    if ('status' in opts) return opts;
    // The endpoint's rules read fields the schema vouches for, so they run only on a conforming body.
    const files = fromSchema.length > 0 ? { uris: [] } : read(body.value, semantic, collection, state);
    if ('status' in files) return files;
    const issues = withSemanticIssues(fromSchema, semantic);
    if (issues.length > 0) return invalid(...issues);
    return createJob(state, request, collection, jobType, files.uris, opts, files.contents);
  };
}

const indexText = jsonEndpoint(
  'index_text',
  'IndexTextRequest',
  (body, issues, collection) => {
    const content = body.content as string;
    const given = body.filename;
    if (given === '') issues.push(issue(['body', 'filename'], 'Input should be a non-empty string', 'string_too_short'));
    if (issues.length > 0) return { uris: [] };
    const filename = typeof given === 'string' ? given : `snippet-${(collection.snippets += 1)}.txt`;
    const uri = managedUri(collection, filename);
    return { uris: [uri], contents: new Map([[uri, content]]) };
  },
  'basic',
); // text is always basic processing

const HTTP_URL = /^https?:\/\//;

// The schema's `format: uri` takes any scheme; the endpoint fetches http(s) only.
const indexUrl = jsonEndpoint('index_url', 'IndexUrlRequest', (body, issues) => {
  const uris = body.urls !== undefined ? (body.urls as string[]) : [body.url as string];
  uris.forEach((uri, i) => {
    if (!HTTP_URL.test(uri))
      issues.push(issue(body.urls !== undefined ? ['body', 'urls', i] : ['body', 'url'], 'Input should be an http(s) URL', 'url_scheme'));
  });
  return { uris };
});

/** Both url and urls is the 400 of the reference server, not the schema's 422 (checked before the schema). */
function urlOrUrls(handler: Handler): Handler {
  return (state, request) => {
    const body = jsonObject(request.headers['content-type'], request.body);
    if (
      body.ok &&
      body.value.url !== undefined &&
      body.value.urls !== undefined &&
      state.collections.get(request.orgId, request.params.collection_name!)
    ) {
      return error(400, 'Give either url or urls, not both');
    }
    return handler(state, request);
  };
}

function s3Credentials(body: Fields, issues: ValidationIssue[]): void {
  if (body.auth !== undefined && body.auth !== null) return;
  stringField(body, 'aws_access_key_id', issues, true);
  stringField(body, 'aws_secret_access_key', issues, true);
}

const indexS3File = jsonEndpoint('index_s3_file', 'IndexS3FileRequest', (body, issues) => {
  const bucket = body.bucket_name as string;
  const fileUri = body.file_uri as string;
  if (!fileUri.startsWith(`s3://${bucket}/`))
    issues.push(issue(['body', 'file_uri'], `file_uri must be an s3://${bucket}/... URI`, 'value_error'));
  return { uris: [fileUri] };
});

// The spec has no schema for the bulk S3 body, so its fields are checked here.
const indexS3 = jsonEndpoint('index_s3', null, (body, issues, collection, state) => {
  const bucket = stringField(body, 'bucket_name', issues, true);
  s3Credentials(body, issues);
  const max = body.max_files;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) {
    issues.push(issue(['body', 'max_files'], 'Input should be a positive integer', 'int_type'));
  }
  if (bucket === undefined || issues.length > 0) return { uris: [] };
  // The bucket is invented: 1-8 documents, drawn from the seed and the bucket name.
  const draw = seededRandom(state.seed ^ collection.snippets ^ bucket.length)();
  const count = Math.min(typeof max === 'number' ? max : 8, 1 + Math.floor(draw * 8));
  return { uris: Array.from({ length: count }, (_, i) => `s3://${bucket}/documents/doc-${i + 1}.pdf`) };
});

const MAX_UPLOAD_FILES = 20;

const indexFile: Handler = async (state, request) => {
  const collection = collectionOf(state, request);
  if ('status' in collection) return collection;
  const form = await multipart(request.headers['content-type'], request.body);
  if (!form.ok) return form.reply;
  const issues: ValidationIssue[] = [];
  if (form.files.length === 0) issues.push(issue(['body', 'files'], 'Field required', 'missing'));
  if (form.files.length > MAX_UPLOAD_FILES)
    issues.push(issue(['body', 'files'], `At most ${MAX_UPLOAD_FILES} files per request`, 'too_long'));
  const opts = options(form.fields, issues, 'basic');
  if ('status' in opts) return opts;
  if (issues.length > 0) return invalid(...issues);
  const contents = new Map<string, string>();
  const uris = form.files.map((file) => {
    const uri = managedUri(collection, file.filename);
    // Media is searched by what is "heard" in it; other files by their text.
    contents.set(uri, isMediaUri(uri) ? transcriptOf(file.bytes, file.filename).slice(0, 2000) : file.content.slice(0, 2000));
    return uri;
  });
  return createJob(state, request, collection, 'index_file', uris, opts, contents);
};

const path = (tail: string) => `/v2/collections/{collection_name}/index/${tail}`;

export const indexingRoutes: Route[] = [
  { method: 'POST', path: path('text'), handler: indexText, auth: true, idempotent: true },
  { method: 'POST', path: path('url'), handler: urlOrUrls(indexUrl), auth: true, idempotent: true },
  { method: 'POST', path: path('file'), handler: indexFile, auth: true, idempotent: true },
  { method: 'POST', path: path('s3'), handler: indexS3, auth: true, idempotent: true },
  { method: 'POST', path: path('s3/file'), handler: indexS3File, auth: true, idempotent: true },
];
