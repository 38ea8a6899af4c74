// The vendor's own clients, replayed against the simulator: every request their SDK and MCP server send
// (vendor-requests.ts, written from their source) meets a served route - no 404 or 405 - and a 2xx whose body
// parses against the spec's schema for that operation. The simulator is the executable form of the spec.
import { test, expect } from '@playwright/test';
import { openapi, validate, type SchemaName } from '../../../src/contract/schemas.js';
import { isSchemaName } from '../../../src/contract/openapi.js';
import { advance, startManual, type Sim } from './harness.js';
import { MCP_SEQUENCE, SDK_SEQUENCE, type VendorRequest } from './vendor-requests.js';

/** The spec's operation for a concrete path (query string aside) and method, with the schemas its 2xx may match. */
function operationOf(method: string, path: string): { template: string; schemas: SchemaName[] } | undefined {
  const bare = path.split('?')[0]!;
  for (const [template, item] of Object.entries(openapi.paths ?? {})) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (!pattern.test(bare)) continue;
    const operation = (item as Record<string, { responses?: Record<string, unknown> }>)[method.toLowerCase()];
    if (!operation) continue;
    return { template, schemas: successSchemas(operation.responses ?? {}) };
  }
  return undefined;
}

type SchemaRef = { $ref?: string; oneOf?: SchemaRef[]; anyOf?: SchemaRef[] };

/** The component schemas of the 200 (or 201, or any 2XX) answer: its $ref, or each of its oneOf/anyOf. */
function successSchemas(responses: Record<string, unknown>): SchemaName[] {
  let response = (responses['200'] ?? responses['201'] ?? responses['2XX']) as
    { $ref?: string; content?: Record<string, { schema?: SchemaRef }> } | undefined;
  if (response?.$ref) response = (openapi.components?.responses as Record<string, typeof response>)[response.$ref.split('/').pop()!];
  const schema = response?.content?.['application/json']?.schema;
  const refs = schema?.$ref ? [schema] : [...(schema?.oneOf ?? []), ...(schema?.anyOf ?? [])];
  return refs.map((r) => r.$ref?.split('/').pop()).filter(isSchemaName);
}

interface Kept {
  c: string;
  job?: string;
  doc?: string;
  cursor?: string;
}

function fill(text: string, sim: Sim, kept: Kept): string {
  return text
    .replaceAll('{key}', sim.apiKey)
    .replaceAll('{org}', sim.orgId)
    .replaceAll('{c}', kept.c)
    .replaceAll('{job}', kept.job ?? 'no-job-yet')
    .replaceAll('{doc}', kept.doc ?? 'no-document-yet')
    .replaceAll('{cursor}', encodeURIComponent(kept.cursor ?? 'no-cursor-yet'));
}

async function replay(sim: Sim, request: VendorRequest, kept: Kept) {
  if (request.after) await advance(sim, request.after);
  const path = fill(request.path, sim, kept);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, fill(v, sim, kept)]));
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
  });
  const text = await response.text();
  return { path, status: response.status, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

for (const sequence of [SDK_SEQUENCE, MCP_SEQUENCE]) {
  test(`${sequence.client}: every request meets a served route and a 2xx that parses against the spec`, async () => {
    const sim = await startManual();
    const kept: Kept = { c: 'replayed-docs' };
    try {
      for (const request of sequence.requests) {
        const label = `${request.method} ${request.path} (${request.source})`;
        const operation = operationOf(request.method, request.path.replaceAll('{c}', kept.c));
        expect(operation, `${label}: the spec documents the route`).toBeDefined();
        const answer = await replay(sim, request, kept);
        expect([404, 405], `${label}: ${answer.status} ${answer.text}`).not.toContain(answer.status);
        expect(answer.status, `${label}: ${answer.text}`).toBeGreaterThanOrEqual(200);
        expect(answer.status, `${label}: ${answer.text}`).toBeLessThan(300);
        const schemas = operation!.schemas;
        expect(schemas.length, `${label}: the spec names the answer's schema`).toBeGreaterThan(0);
        const problems = schemas.map((schema) => validate(schema, answer.json));
        expect(
          problems.some((p) => p.length === 0),
          `${label} against ${schemas.join(' | ')}: ${JSON.stringify(problems)}`,
        ).toBe(true);
        const body = answer.json ?? {};
        if (request.keep === 'job') kept.job = String(body.job_id);
        if (request.keep === 'doc') kept.doc = String((body.documents as { file_id: string }[])[0]!.file_id);
        if (request.keep === 'cursor') kept.cursor = String((body.files_page as { next_cursor: string }).next_cursor);
      }
    } finally {
      await sim.close();
    }
  });
}

test("the replayed answers carry what the clients read: v3 results' document, the list fields the MCP prints", async () => {
  const sim = await startManual();
  const kept: Kept = { c: 'replayed-docs' };
  try {
    const answers = new Map<string, Record<string, unknown> | undefined>();
    for (const request of MCP_SEQUENCE.requests) {
      const answer = await replay(sim, request, kept);
      answers.set(request.source, answer.json);
      if (request.keep === 'job') kept.job = String(answer.json?.job_id);
      if (request.keep === 'doc') kept.doc = String((answer.json?.documents as { file_id: string }[])[0]!.file_id);
      if (request.keep === 'cursor') kept.cursor = String((answer.json?.files_page as { next_cursor: string }).next_cursor);
    }
    const v3 = answers.get('tools.ts captain_search (v3: limit, rerank; "the v2 query surface is no longer supported")');
    expect(v3).toMatchObject({
      results: [{ chunk_id: expect.any(String), document: { id: expect.any(String), filename: 'keynote-notes.txt' } }],
    });
    expect(answers.get('tools.ts captain_list_collections')).toMatchObject({
      collections: [{ collection_name: 'replayed-docs', collection_id: expect.any(String), document_count: 1 }],
      total_count: 1,
    });
    const paged = answers.get('tools.ts captain_job_status (files_cursor of the answer above)');
    expect((paged?.files as unknown[]).length).toBe(1);
  } finally {
    await sim.close();
  }
});
