// The contract's document (src/contract/openapi.ts reads spec/openapi.yaml): OpenAPI 3.1, the component schemas the
// code names, the endpoints the suite exercises, every example valid against its schema, every schema described.
import { test, expect } from '@playwright/test';
import { isJsonObject } from '../../../src/model/json.js';
import { openapi, SCHEMA_NAMES, validate, type SchemaName } from '../../../src/contract/schemas.js';

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
