import { test, expect } from '@playwright/test';
import { placeholderBody } from '../../generators/placeholder.js';
import { billingOf } from '../../src/model/billing.js';
import { isJsonObject } from '../../src/model/json.js';
import {
  compilations,
  openapi,
  SCHEMA_NAMES,
  validate,
  validatorFor,
  type SchemaName,
  type SchemaProblem,
} from '../../src/contract/schemas.js';

// ---------------------------------------------------------------- helpers

type Json = Record<string, unknown>;

/** Follows a local `#/...` reference of the spec; other values come back as they are. */
function deref(value: unknown): unknown {
  let current = value;
  while (isJsonObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (isJsonObject(node) ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), openapi);
    if (current === undefined) throw new Error(`dangling $ref ${ref}`);
  }
  return current;
}

/** The component names a body schema stands for: a $ref, or an anyOf/oneOf of $refs. */
function componentsOf(schema: unknown): SchemaName[] {
  if (!isJsonObject(schema)) return [];
  const name = (ref: unknown) => (typeof ref === 'string' ? ref.replace('#/components/schemas/', '') : '');
  if (typeof schema.$ref === 'string') return [name(schema.$ref) as SchemaName];
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  return (branches ?? []).map((b) => name(isJsonObject(b) ? b.$ref : undefined) as SchemaName);
}

interface Operation {
  where: string;
  operation: Json;
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(openapi.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (isJsonObject(operation) && isJsonObject(operation.responses)) out.push({ where: `${method.toUpperCase()} ${path}`, operation });
    }
  }
  return out;
}

interface BodyExample {
  where: string;
  schemas: SchemaName[];
  value: unknown;
}

/** Every example of a request or response body, and every `examples` entry of a component schema. */
function bodyExamples(): BodyExample[] {
  const out: BodyExample[] = [];
  const fromContent = (where: string, content: unknown) => {
    for (const [mediaType, media] of Object.entries(isJsonObject(content) ? content : {})) {
      if (!isJsonObject(media)) continue;
      const schemas = componentsOf(media.schema);
      if ('example' in media) out.push({ where: `${where} ${mediaType} example`, schemas, value: media.example });
      for (const [name, example] of Object.entries(isJsonObject(media.examples) ? media.examples : {})) {
        out.push({ where: `${where} ${mediaType} examples.${name}`, schemas, value: (deref(example) as Json).value });
      }
    }
  };
  for (const { where, operation } of operations()) {
    const body = deref(operation.requestBody);
    if (isJsonObject(body)) fromContent(`${where} request`, body.content);
    for (const [code, response] of Object.entries(operation.responses as Json)) {
      fromContent(`${where} ${code}`, (deref(response) as Json).content);
    }
  }
  for (const name of SCHEMA_NAMES) {
    const examples = (openapi.components?.schemas?.[name] as Json | undefined)?.examples;
    (Array.isArray(examples) ? examples : []).forEach((value, i) =>
      out.push({ where: `schema ${name} examples[${i}]`, schemas: [name], value }),
    );
  }
  return out;
}

/** Paths of schemas and properties in the components that carry no description. */
function undescribed(schema: unknown, where: string): string[] {
  if (!isJsonObject(schema) || typeof schema.$ref === 'string') return [];
  const out = typeof schema.description === 'string' && schema.description.trim() !== '' ? [] : [where];
  for (const [name, property] of Object.entries(isJsonObject(schema.properties) ? schema.properties : {})) {
    out.push(...undescribed(property, `${where}.${name}`));
  }
  if (isJsonObject(schema.items)) out.push(...undescribed(schema.items, `${where}[]`));
  if (isJsonObject(schema.additionalProperties)) out.push(...undescribed(schema.additionalProperties, `${where}{*}`));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) branches.forEach((b, i) => out.push(...undescribed(b, `${where}.${key}[${i}]`)));
  }
  return out;
}

const keywordsAt = (problems: SchemaProblem[]) => problems.map((p) => `${p.path} ${p.keyword}`);

// A job-status snapshot as a conforming server would send it while running.
const runningSnapshot = (): Json => ({
  job_id: 'job_1',
  status: 'running',
  collection_name: 'reports',
  job_type: 'index_s3_file',
  progress_message: 'Chunking',
  progress: { current_stage: 'chunking', files_total: 2, files_processed: 1, files_failed: 0, files_skipped: 0, elapsed_seconds: 9 },
  files: [
    { uri: 's3://b/a.pdf', status: 'completed', updated_at: '2026-03-05T10:00:08Z' },
    { uri: 's3://b/b.pdf', status: 'processing', stage: 'chunking' },
  ],
  files_page: { limit: 50, next_cursor: null, total_estimated: 2 },
  created_at: '2026-03-05T10:00:00Z',
  updated_at: '2026-03-05T10:00:09Z',
  started_at: '2026-03-05T10:00:01Z',
  completed_at: null,
  estimated_time_remaining_seconds: 30,
});

const billing = billingOf(12);

// The seed's placeholder, verbatim.
const placeholder = (): Json => ({ ...placeholderBody('job_1') });

// ---------------------------------------------------------------- the document

test.describe('spec/openapi.yaml', () => {
  test('is OpenAPI 3.1 and defines exactly the component schemas the code names', () => {
    expect(openapi.openapi).toMatch(/^3\.1\./);
    expect(Object.keys(openapi.components?.schemas ?? {}).sort()).toEqual([...SCHEMA_NAMES].sort());
  });

  test('covers the endpoints the suite exercises', () => {
    expect(
      operations()
        .map((o) => o.where)
        .sort(),
    ).toEqual(
      [
        'GET /v2/jobs/{job_id}',
        'POST /v2/jobs/{job_id}/cancel',
        'PUT /v2/collections/{collection_name}',
        'DELETE /v2/collections/{collection_name}',
        'POST /v2/collections/{collection_name}/index/text',
        'POST /v2/collections/{collection_name}/index/url',
        'POST /v2/collections/{collection_name}/index/file',
        'POST /v2/collections/{collection_name}/index/s3/file',
        'POST /v2/collections/{collection_name}/query',
        // The vendor's clients call these too (docs/vendor-surface.md): cancel and delete, the listings, the v3 query.
        'DELETE /v2/jobs/{job_id}',
        'GET /v2/jobs',
        'GET /v2/collections',
        'GET /v2/collections/{collection_name}/documents',
        'GET /v3/collections/{collection_name}/documents',
        'DELETE /v2/collections/{collection_name}/documents',
        'DELETE /v2/collections/{collection_name}/documents/{document_id}',
        'POST /v3/collections/{collection_name}/query',
      ].sort(),
    );
  });

  test('bounds files_limit to 1..500 with default 50', () => {
    const parameters = (openapi.paths?.['/v2/jobs/{job_id}']?.get?.parameters ?? []).map(deref) as Json[];
    const filesLimit = parameters.find((p) => p.name === 'files_limit');
    expect(filesLimit?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 50 });
    expect(parameters.find((p) => p.name === 'files_cursor')?.in).toBe('query');
  });

  test('answers the status endpoint with a JobStatus or the Placeholder, and names it the transient answer', () => {
    const ok = deref(openapi.paths?.['/v2/jobs/{job_id}']?.get?.responses?.['200']) as Json;
    const media = (ok.content as Json)['application/json'] as Json;
    expect(componentsOf(media.schema)).toEqual(['JobStatus', 'Placeholder']);
    expect(ok.description).toMatch(/Placeholder.*transient/s);
  });

  test('describes every schema and every property', () => {
    const missing = SCHEMA_NAMES.flatMap((name) => undescribed(openapi.components?.schemas?.[name], name));
    expect(missing).toEqual([]);
  });

  test('gives every response an example', () => {
    const without: string[] = [];
    for (const { where, operation } of operations()) {
      for (const [code, response] of Object.entries(operation.responses as Json)) {
        const content = (deref(response) as Json).content;
        for (const [mediaType, media] of Object.entries(isJsonObject(content) ? content : {})) {
          if (!isJsonObject(media) || !('example' in media || isJsonObject(media.examples))) without.push(`${where} ${code} ${mediaType}`);
        }
        if (!isJsonObject(content)) without.push(`${where} ${code} (no content)`);
      }
    }
    expect(without).toEqual([]);
  });

  test('every body example validates against its schema', () => {
    const examples = bodyExamples();
    // Guards against a walker that finds nothing and so proves nothing.
    expect(examples.length).toBeGreaterThan(40);
    const invalid = examples
      .filter(({ schemas, value }) => schemas.length === 0 || !schemas.some((schema) => validate(schema, value).length === 0))
      .map(({ where, schemas, value }) => ({ where, problems: schemas.flatMap((s) => validate(s, value).map((p) => p.message)) }));
    expect(invalid).toEqual([]);
  });

  test('documents the placeholder example of the status endpoint and it is a Placeholder', () => {
    const placeholderExamples = bodyExamples().filter(
      (e) => e.where.startsWith('GET /v2/jobs/{job_id} 200') && validate('Placeholder', e.value).length === 0,
    );
    expect(placeholderExamples.map((e) => e.where)).toEqual(['GET /v2/jobs/{job_id} 200 application/json examples.placeholder']);
  });

  test('requires a Retry-After header on every 429', () => {
    const without = operations()
      .filter(({ operation }) => {
        const tooMany = deref((operation.responses as Json)['429']) as Json | undefined;
        return !isJsonObject(tooMany?.headers) || !('Retry-After' in tooMany.headers);
      })
      .map((o) => o.where);
    expect(without).toEqual([]);
  });
});

// ---------------------------------------------------------------- JobStatus

test.describe('JobStatus', () => {
  test('accepts a running snapshot with progress, files and pagination', () => {
    expect(validate('JobStatus', runningSnapshot())).toEqual([]);
  });

  for (const status of ['pending', 'running', 'completed', 'completed_with_failures', 'failed', 'cancelled']) {
    test(`accepts status ${status} (strict profile)`, () => {
      expect(validate('JobStatus', { ...runningSnapshot(), status })).toEqual([]);
    });
  }

  for (const status of ['completed_with_errors', 'timed_out', 'processing', 'COMPLETED', '']) {
    test(`rejects status ${JSON.stringify(status)}, naming the allowed values`, () => {
      const problems = validate('JobStatus', { ...runningSnapshot(), status });
      expect(keywordsAt(problems)).toEqual(['/status enum']);
      expect(problems[0]?.message).toBe(
        `/status must be equal to one of the allowed values: pending, running, completed, completed_with_failures, failed, cancelled (got ${JSON.stringify(status)})`,
      );
    });
  }

  test('requires job_id and status, and only them', () => {
    expect(validate('JobStatus', { job_id: 'job_1', status: 'pending' })).toEqual([]);
    const problems = validate('JobStatus', { progress_message: 'hello' });
    expect(problems.map((p) => [p.path, p.keyword, p.params.missingProperty])).toEqual([
      ['', 'required', 'job_id'],
      ['', 'required', 'status'],
    ]);
    expect(problems[0]?.message).toBe("(root) must have required property 'job_id'");
  });

  test('accepts null for every optional field (the SDK types them all Optional)', () => {
    const snapshot = runningSnapshot();
    for (const key of Object.keys(snapshot)) if (key !== 'job_id' && key !== 'status') snapshot[key] = null;
    expect(validate('JobStatus', snapshot)).toEqual([]);
  });

  test('accepts fields the vendor added without a schema (youtube, pii_report)', () => {
    const body = { ...runningSnapshot(), youtube: [{ video_id: 'abc', mode_used: 'audio' }], pii_report: { state: 'retained' } };
    expect(validate('JobStatus', body)).toEqual([]);
  });

  test('accepts a media job that says running with progress null and carries its timestamps', () => {
    expect(validate('JobStatus', { ...runningSnapshot(), progress: null, files: null, files_page: null })).toEqual([]);
  });

  test('also accepts the placeholder, which is why the 200 is anyOf and classification is by shape', () => {
    expect(validate('JobStatus', placeholder())).toEqual([]);
  });

  for (const stage of ['scanning', 'extracting', 'chunking', 'tagging', 'embedding', 'finalizing', 'cancelled', null]) {
    test(`accepts progress.current_stage ${JSON.stringify(stage)}`, () => {
      const snapshot = runningSnapshot();
      expect(validate('JobStatus', { ...snapshot, progress: { ...(snapshot.progress as Json), current_stage: stage } })).toEqual([]);
    });
  }

  test('rejects an unknown stage with exactly one enum problem (no anyOf noise from the nullable progress)', () => {
    const snapshot = runningSnapshot();
    const problems = validate('JobStatus', { ...snapshot, progress: { ...(snapshot.progress as Json), current_stage: 'indexing' } });
    expect(keywordsAt(problems)).toEqual(['/progress/current_stage enum']);
    expect(problems[0]?.message).toContain(
      'scanning, extracting, chunking, tagging, embedding, finalizing, cancelled, null (got "indexing")',
    );
  });

  test('rejects a progress that is neither an object nor null, saying both are allowed', () => {
    const problems = validate('JobStatus', { ...runningSnapshot(), progress: 'soon' });
    expect(problems.map((p) => p.message)).toEqual(['/progress must be object or null (got "soon")']);
  });

  test('rejects negative and fractional counters', () => {
    const snapshot = runningSnapshot();
    const problems = validate('JobStatus', {
      ...snapshot,
      progress: { ...(snapshot.progress as Json), files_processed: -1, files_total: 2.5 },
    });
    expect(keywordsAt(problems).sort()).toEqual(['/progress/files_processed minimum', '/progress/files_total type']);
  });

  for (const estimate of [0, 3600, null]) {
    test(`accepts estimated_time_remaining_seconds ${estimate}`, () => {
      expect(validate('JobStatus', { ...runningSnapshot(), estimated_time_remaining_seconds: estimate })).toEqual([]);
    });
  }

  for (const [estimate, keyword] of [
    [-1, 'minimum'],
    [1.5, 'type'],
    ['30', 'type'],
  ] as const) {
    test(`rejects estimated_time_remaining_seconds ${JSON.stringify(estimate)} (${keyword})`, () => {
      expect(keywordsAt(validate('JobStatus', { ...runningSnapshot(), estimated_time_remaining_seconds: estimate }))).toEqual([
        `/estimated_time_remaining_seconds ${keyword}`,
      ]);
    });
  }

  for (const instant of ['2026-03-05T10:00:00Z', '2026-03-05T10:00:00.123456Z', '2026-03-05T11:00:00+01:00', null]) {
    test(`accepts the RFC 3339 timestamp ${JSON.stringify(instant)}`, () => {
      expect(validate('JobStatus', { ...runningSnapshot(), created_at: instant, cancelled_at: instant })).toEqual([]);
    });
  }

  for (const instant of ['yesterday', '2026-03-05T10:00:00', '2026-03-05', '2026-13-05T10:00:00Z']) {
    test(`rejects the timestamp ${JSON.stringify(instant)} as not a date-time`, () => {
      const problems = validate('JobStatus', { ...runningSnapshot(), updated_at: instant });
      expect(keywordsAt(problems)).toEqual(['/updated_at format']);
      expect(problems[0]?.message).toBe(`/updated_at must match format "date-time" (got ${JSON.stringify(instant)})`);
    });
  }

  test('rejects an epoch number where a timestamp belongs', () => {
    expect(keywordsAt(validate('JobStatus', { ...runningSnapshot(), started_at: 1741168800 }))).toEqual(['/started_at type']);
  });

  test('checks the date-time of every file', () => {
    const snapshot = runningSnapshot();
    const files = [...(snapshot.files as Json[]), { uri: 's3://b/c.pdf', status: 'queued', updated_at: 'now' }];
    expect(keywordsAt(validate('JobStatus', { ...snapshot, files }))).toEqual(['/files/2/updated_at format']);
  });

  test('accepts billing with every part, and rejects billing that lacks its required parts', () => {
    expect(validate('JobStatus', { ...runningSnapshot(), status: 'completed', billing })).toEqual([]);
    const { credits: _credits, ...withoutCredits } = billing;
    const problems = validate('JobStatus', { ...runningSnapshot(), billing: { ...withoutCredits, processing_type: 'premium' } });
    expect(keywordsAt(problems).sort()).toEqual(['/billing required', '/billing/processing_type enum']);
    expect(problems.find((p) => p.keyword === 'required')?.params.missingProperty).toBe('credits');
  });

  test('rejects a body that is not an object', () => {
    expect(keywordsAt(validate('JobStatus', [runningSnapshot()]))).toEqual([' type']);
    expect(validate('JobStatus', null)[0]?.message).toBe('(root) must be object (got null)');
  });
});

// ---------------------------------------------------------------- Placeholder

test.describe('Placeholder', () => {
  test("accepts the seed's example verbatim", () => {
    expect(validate('Placeholder', placeholder())).toEqual([]);
  });

  test('rejects a sixth key: a body with more is a snapshot, not the placeholder', () => {
    const problems = validate('Placeholder', { ...placeholder(), created_at: '2026-03-05T10:00:00Z' });
    expect(problems.map((p) => [p.path, p.keyword, p.params.additionalProperty])).toEqual([['', 'additionalProperties', 'created_at']]);
    expect(problems[0]?.message).toBe('(root) must NOT have additional properties: "created_at"');
  });

  test('rejects status completed: the placeholder always says running', () => {
    const problems = validate('Placeholder', { ...placeholder(), status: 'completed' });
    expect(problems.map((p) => p.message)).toEqual(['/status must be equal to constant: "running" (got "completed")']);
  });

  test('rejects progress that is not null', () => {
    expect(keywordsAt(validate('Placeholder', { ...placeholder(), progress: {} }))).toEqual(['/progress type']);
  });

  for (const key of ['job_id', 'status', 'progress', 'progress_message', 'estimated_time_remaining_seconds']) {
    test(`requires ${key}`, () => {
      const body = placeholder();
      delete body[key];
      expect(validate('Placeholder', body).map((p) => [p.keyword, p.params.missingProperty])).toEqual([['required', key]]);
    });
  }

  test('requires a non-negative integer estimate', () => {
    expect(keywordsAt(validate('Placeholder', { ...placeholder(), estimated_time_remaining_seconds: -5 }))).toEqual([
      '/estimated_time_remaining_seconds minimum',
    ]);
    expect(keywordsAt(validate('Placeholder', { ...placeholder(), estimated_time_remaining_seconds: null }))).toEqual([
      '/estimated_time_remaining_seconds type',
    ]);
  });
});

// ---------------------------------------------------------------- FileStatus

test.describe('FileStatus', () => {
  for (const status of ['queued', 'processing', 'completed', 'failed', 'skipped', 'cancelled']) {
    test(`accepts file status ${status}`, () => {
      expect(validate('FileStatus', { uri: 's3://b/a.pdf', status })).toEqual([]);
    });
  }

  for (const status of ['pending', 'running', 'done', 'error']) {
    test(`rejects file status ${status}`, () => {
      const problems = validate('FileStatus', { uri: 's3://b/a.pdf', status });
      expect(keywordsAt(problems)).toEqual(['/status enum']);
      expect(problems[0]?.message).toContain('queued, processing, completed, failed, skipped, cancelled');
    });
  }

  test('requires uri and status', () => {
    expect(validate('FileStatus', { filename: 'a.pdf' }).map((p) => p.params.missingProperty)).toEqual(['uri', 'status']);
  });

  test("accepts the MCP client's document_id and filename, and a failed file's error fields", () => {
    const file = {
      uri: 's3://b/a.pdf',
      status: 'failed',
      document_id: 'doc_1',
      filename: 'a.pdf',
      error_code: 'PARSE_ERROR',
      error_message: 'encrypted',
    };
    expect(validate('FileStatus', file)).toEqual([]);
  });
});

// ---------------------------------------------------------------- error bodies

test.describe('error bodies', () => {
  test('ValidationError accepts FastAPI 422 bodies whose loc mixes names and indexes', () => {
    const body = {
      detail: [
        { loc: ['query', 'files_limit'], msg: 'Input should be less than or equal to 500', type: 'less_than_equal', input: '501' },
        { loc: ['body', 'urls', 0], msg: 'Input should be a valid URL', type: 'url_parsing' },
      ],
    };
    expect(validate('ValidationError', body)).toEqual([]);
  });

  test('ValidationError rejects a string detail, a boolean in loc and a missing msg', () => {
    expect(keywordsAt(validate('ValidationError', { detail: 'files_limit too large' }))).toEqual(['/detail type']);
    expect(keywordsAt(validate('ValidationError', { detail: [{ loc: ['query', true], msg: 'x', type: 'y' }] }))).toEqual([
      '/detail/0/loc/1 type',
    ]);
    expect(validate('ValidationError', { detail: [{ loc: ['query'], type: 'missing' }] }).map((p) => p.message)).toEqual([
      "/detail/0 must have required property 'msg'",
    ]);
  });

  test('Error accepts {detail} with extra fields and rejects the legacy v1 envelope', () => {
    expect(validate('Error', { detail: 'Job not found', request_id: 'req_1' })).toEqual([]);
    expect(validate('Error', { status: 'error', message: 'Job not found' }).map((p) => p.params.missingProperty)).toEqual(['detail']);
  });
});

// ---------------------------------------------------------------- requests and query

test.describe('requests and query results', () => {
  test('IndexUrlRequest takes url or urls, not both and not neither', () => {
    expect(validate('IndexUrlRequest', { url: 'https://example.org/a.pdf', processing_type: 'basic' })).toEqual([]);
    expect(validate('IndexUrlRequest', { urls: ['https://example.org/a.pdf'], processing_type: 'basic' })).toEqual([]);
    expect(
      keywordsAt(
        validate('IndexUrlRequest', { url: 'https://example.org/a.pdf', urls: ['https://example.org/b.pdf'], processing_type: 'basic' }),
      ),
    ).toEqual([' oneOf']);
    expect(keywordsAt(validate('IndexUrlRequest', { processing_type: 'basic' }))).toContain(' oneOf');
  });

  test('IndexS3FileRequest takes static keys or an assumed role, not both', () => {
    const base = { bucket_name: 'b', file_uri: 's3://b/a.pdf', processing_type: 'advanced' };
    const keys = { aws_access_key_id: 'AKIA', aws_secret_access_key: 'secret' };
    const auth = { type: 'assume_role', role_arn: 'arn:aws:iam::1:role/r', external_id: 'e' };
    expect(validate('IndexS3FileRequest', { ...base, ...keys })).toEqual([]);
    expect(validate('IndexS3FileRequest', { ...base, auth })).toEqual([]);
    expect(keywordsAt(validate('IndexS3FileRequest', { ...base, ...keys, auth }))).toEqual([' oneOf']);
  });

  test('SearchResult requires nothing and types what it has', () => {
    expect(validate('SearchResult', {})).toEqual([]);
    expect(keywordsAt(validate('SearchResult', { score: 'high', chunk_index: -1 })).sort()).toEqual([
      '/chunk_index minimum',
      '/score type',
    ]);
  });

  test('QueryResponse validates each search result', () => {
    expect(keywordsAt(validate('QueryResponse', { search_results: [{ filename: 'a.pdf' }, { filename: 7 }] }))).toEqual([
      '/search_results/1/filename type',
    ]);
  });
});

// ---------------------------------------------------------------- the validator itself

test.describe('validate', () => {
  test('compiles each validator once per process and reuses the same function', () => {
    const first = validatorFor('JobStatus');
    for (let round = 0; round < 3; round++) for (const name of SCHEMA_NAMES) validate(name, runningSnapshot());
    expect(validatorFor('JobStatus')).toBe(first);
    expect(new Set(SCHEMA_NAMES.map(validatorFor)).size).toBe(SCHEMA_NAMES.length);
    expect(compilations()).toBe(SCHEMA_NAMES.length);
  });

  test('returns problems with a JSON pointer, the ajv keyword and its params', () => {
    const [problem] = validate('FileStatus', { uri: 's3://b/a.pdf', status: 'done' });
    expect(problem).toEqual({
      schema: 'FileStatus',
      path: '/status',
      keyword: 'enum',
      message: '/status must be equal to one of the allowed values: queued, processing, completed, failed, skipped, cancelled (got "done")',
      params: { allowedValues: ['queued', 'processing', 'completed', 'failed', 'skipped', 'cancelled'] },
    });
  });

  test('returns every problem, not only the first', () => {
    const body = { ...runningSnapshot(), status: 'done', created_at: 'x', estimated_time_remaining_seconds: -1 };
    expect(keywordsAt(validate('JobStatus', body)).sort()).toEqual([
      '/created_at format',
      '/estimated_time_remaining_seconds minimum',
      '/status enum',
    ]);
  });

  test('clips a megabyte value and a megabyte key out of its messages and params', () => {
    const huge = 'x'.repeat(1_000_000);
    const problems = [
      ...validate('JobStatus', { ...runningSnapshot(), status: huge }),
      ...validate('Placeholder', { ...placeholder(), [huge]: 1 }),
    ];
    expect(problems.map((p) => p.keyword)).toEqual(['enum', 'additionalProperties']);
    for (const problem of problems) {
      expect(problem.message.length).toBeLessThan(600);
      expect(JSON.stringify(problem.params).length).toBeLessThan(600);
    }
    expect(problems[0]?.message).toContain('(1000000 chars)');
  });

  const deep = (depth: number, leaf: unknown): unknown => {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = { nested: value, list: [value] };
    return value;
  };
  const deepArray = (depth: number): unknown => {
    let value: unknown = [];
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };
  const circular: Json = { job_id: 'job_1', status: 'running' };
  circular.self = circular;
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();

  const hostile: Array<[string, unknown]> = [
    ['null', null],
    ['undefined', undefined],
    ['an array', [1, 'two', null]],
    ['a string', 'not json'],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a bigint', 10n],
    ['a symbol', Symbol('s')],
    ['a function', () => 1],
    ['1,000-deep objects', deep(1000, 'x')],
    ['1,000-deep arrays', deepArray(1000)],
    [
      '1,000-deep nesting in every field',
      Object.fromEntries(
        ['job_id', 'status', 'progress', 'files', 'files_page', 'billing', 'created_at', 'detail', 'search_results', 'files', 'loc'].map(
          (k) => [k, deep(1000, 1)],
        ),
      ),
    ],
    ['a 1 MB string', 'y'.repeat(1_000_000)],
    [
      '1 MB strings in every field',
      Object.fromEntries(
        ['job_id', 'status', 'created_at', 'uri', 'url', 'file_uri', 'detail', 'query', 'content', 'current_stage'].map((k) => [
          k,
          'z'.repeat(1_000_000),
        ]),
      ),
    ],
    ['a circular object', circular],
    ['a revoked proxy', revoked.proxy],
    [
      'an object whose getters throw',
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('boom');
          },
          has: () => {
            throw new Error('boom');
          },
        },
      ),
    ],
  ];

  for (const [what, body] of hostile) {
    test(`never throws on ${what}, for any schema`, () => {
      for (const name of SCHEMA_NAMES) {
        let problems: SchemaProblem[] = [];
        expect(() => (problems = validate(name, body))).not.toThrow();
        expect(Array.isArray(problems)).toBe(true);
        for (const problem of problems) expect(problem.message.length).toBeLessThan(1000);
      }
    });
  }

  test('reports a body it could not inspect as an exception problem instead of throwing', () => {
    const throwing = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
      },
    );
    expect(validate('JobStatus', throwing)).toEqual([
      { schema: 'JobStatus', path: '', keyword: 'exception', message: '(root) could not be validated: boom', params: {} },
    ]);
  });

  test('reports a name that is no schema as a problem instead of throwing', () => {
    expect(validate('NoSuchSchema' as SchemaName, {}).map((p) => p.keyword)).toEqual(['exception']);
  });
});
