// The component schemas as src/contract/schemas.ts validates them (JobStatus, Placeholder, FileStatus, error
// bodies, requests and query results), and the validator itself: compiled once, never throwing on any input.
import { test, expect } from '@playwright/test';
import { compilations, SCHEMA_NAMES, validate, validatorFor, type SchemaName, type SchemaProblem } from '../../../src/contract/schemas.js';
import { billing, keywordsAt, placeholder, runningSnapshot, type Json } from './bodies.js';

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
