// The per-response baseline of the faults bench: the project's own schema check (src/contract's validate)
// alone, on each answer, against the schema spec/openapi.yaml documents for its operation and status. No
// lifecycle, no request context beyond the route: what a schema-only contract tester sees.
import { isSchemaName } from '../src/contract/openapi.js';
import { openapi, validate, type SchemaName } from '../src/contract/schemas.js';

type Json = Record<string, unknown>;

const deref = (value: unknown): Json | undefined => {
  const ref = (value as Json | undefined)?.$ref;
  if (typeof ref !== 'string') return value as Json | undefined;
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], openapi) as Json | undefined;
};

const schemaNameOf = (schema: unknown): SchemaName | undefined => {
  const name = String((schema as Json | undefined)?.$ref ?? '')
    .split('/')
    .at(-1);
  return isSchemaName(name) ? name : undefined;
};

const OPERATIONS = Object.entries(openapi.paths ?? {}).map(([template, item]) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  item: item as Json,
}));

/** The schema names an answer may match (any one will do), or a problem when its status is not documented; undefined: not judged. */
export function documentedSchemas(
  method: string,
  url: string,
  status: number,
): { schemas: SchemaName[] } | { undocumented: string } | undefined {
  const pathname = url.split('?')[0]!;
  const path = OPERATIONS.find((o) => o.pattern.test(pathname));
  const operation = path?.item[method.toLowerCase()] as Json | undefined;
  if (!path || !operation) return undefined; // no route of the spec: nothing to judge the answer against
  const responses = (operation.responses ?? {}) as Json;
  const response = deref(responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default);
  if (!response) return { undocumented: `status ${status} is not documented for ${method} ${path.template}` };
  const schema = ((response.content as Json | undefined)?.['application/json'] as Json | undefined)?.schema as Json | undefined;
  if (!schema) return { schemas: [] };
  const names = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : [schema]).map(schemaNameOf);
  return names.every((n) => n !== undefined) ? { schemas: names as SchemaName[] } : { schemas: [] };
}

/** What the schema check alone finds wrong with one answer: [] when it holds or is not judged. */
export function schemaProblems(method: string, url: string, status: number, body: Buffer): string[] {
  const documented = documentedSchemas(method, url, status);
  if (!documented) return [];
  if ('undocumented' in documented) return [documented.undocumented];
  if (documented.schemas.length === 0) return [];
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return [`the body is not JSON (${documented.schemas.join(' or ')} expected)`];
  }
  const problems = documented.schemas.map((name) => validate(name, value));
  if (problems.some((p) => p.length === 0)) return [];
  // Of several allowed schemas, the one the body comes closest to says what is wrong (not every branch's complaint).
  const closest = problems.reduce((best, list) => (list.length < best.length ? list : best));
  return closest.map((p) => `${p.schema} ${p.message}`);
}
