// Turns ajv's errors into SchemaProblems whose messages read on their own and stay short:
// offending values and over-long keys are clipped so a megabyte string never lands in a report.
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { SchemaName } from './openapi.js';
import { CLIP_AT, clip } from './clip.js';

export interface SchemaProblem {
  schema: SchemaName;
  /** JSON pointer into the body, '' for the root. */
  path: string;
  /** The ajv keyword that failed: enum, format, type, required, additionalProperties, ... */
  keyword: string;
  /** e.g. `/status must be equal to one of the allowed values: pending, running, ... (got "done")`. */
  message: string;
  params: Record<string, unknown>;
}

/** A JSON pointer with each over-long segment clipped (only hostile keys are ever that long). */
function clipPointer(pointer: string): string {
  return pointer.length <= CLIP_AT
    ? pointer
    : pointer
        .split('/')
        .map((segment) => clip(segment, 60))
        .join('/');
}

/** A short, safe rendering of any value: never serialises objects, so it cannot recurse or throw. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(clip(value));
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

function clipParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] =
      typeof value === 'string' ? clip(value) : Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? clip(v) : v)) : value;
  }
  return out;
}

// Keywords whose failure is about the whole value at the path, so showing that value helps.
const SHOWS_VALUE = new Set([
  'enum',
  'const',
  'type',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'multipleOf',
]);

function detail(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `: ${(params.allowedValues as unknown[]).map((v) => (v === null ? 'null' : String(v))).join(', ')}`;
    case 'const':
      return `: ${describeValue(params.allowedValue)}`;
    case 'additionalProperties':
      return `: ${JSON.stringify(clip(String(params.additionalProperty)))}`;
    default:
      return '';
  }
}

function isNullBranch(branch: unknown): boolean {
  return typeof branch === 'object' && branch !== null && (branch as { type?: unknown }).type === 'null';
}

/**
 * A nullable reference is `anyOf: [{$ref}, {type: 'null'}]`; when a value fails it, ajv also reports
 * "must be null" and "must match a schema in anyOf". Those two say nothing the referenced schema's
 * own errors do not, so they are dropped, and a wrong type is reported as "must be object or null".
 */
function withoutNullableNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const noise = new Set<ErrorObject>();
  const nullablePaths = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' || !Array.isArray(error.schema)) continue;
    const nullIndex = (error.schema as unknown[]).findIndex(isNullBranch);
    if (nullIndex < 0) continue;
    noise.add(error);
    nullablePaths.add(error.instancePath);
    const nullTypeError = `${error.schemaPath}/${nullIndex}/type`;
    errors.filter((e) => e.instancePath === error.instancePath && e.schemaPath === nullTypeError).forEach((e) => noise.add(e));
  }
  return errors
    .filter((error) => !noise.has(error))
    .map((error) =>
      error.keyword === 'type' && nullablePaths.has(error.instancePath)
        ? { ...error, message: `${error.message ?? 'must be of another type'} or null` }
        : error,
    );
}

export function toProblems(schema: SchemaName, errors: readonly ErrorObject[]): SchemaProblem[] {
  return withoutNullableNoise(errors).map((error) => toProblem(schema, error));
}

function toProblem(schema: SchemaName, error: ErrorObject): SchemaProblem {
  const path = clipPointer(error.instancePath);
  const got = SHOWS_VALUE.has(error.keyword) ? ` (got ${describeValue(error.data)})` : '';
  return {
    schema,
    path,
    keyword: error.keyword,
    message: `${path || '(root)'} ${error.message ?? 'is invalid'}${detail(error)}${got}`,
    params: clipParams(error.params as Record<string, unknown>),
  };
}
