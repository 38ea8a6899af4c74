// Validators for the component schemas of spec/openapi.yaml: two ajv instances per process (the full
// validator and its fast path), each validator per schema compiled once, on first use, and reused ever after
// (compiling per call is the classic ajv leak).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isDateTime } from './date-time.js';
import { componentSchemas, SCHEMA_NAMES, type SchemaName } from './openapi.js';
import { clip } from './clip.js';
import { toProblems, type SchemaProblem } from './problems.js';

export { openapi, OPENAPI_PATH, SCHEMA_NAMES, type SchemaName } from './openapi.js';
export type { SchemaProblem } from './problems.js';

/** Base URI under which the components are registered, so `#/components/schemas/X` refs resolve. */
const SPEC_ID = 'https://captain-conformance.local/spec/openapi.yaml';

/**
 * An ajv instance holding every component schema. The full one reports every problem with its value;
 * the fast one stops at the first and carries nothing, and only decides valid or not.
 */
function createAjv(mode: 'full' | 'fast'): Ajv2020 {
  const full = mode === 'full';
  const ajv = new Ajv2020({
    allErrors: full, // every problem, not the first (findings are complete)
    strict: true,
    // "Exactly one of url and urls" puts `required` in oneOf branches, which strictRequired forbids.
    strictRequired: false,
    allowUnionTypes: true, // 3.1 nullability is `type: [string, "null"]`
    verbose: full, // errors carry the offending value, which messages show clipped
  });
  addFormats.default(ajv);
  // The same verdicts as ajv-formats' date-time, without its split and regexes on the common shape.
  if (!full) ajv.addFormat('date-time', isDateTime);
  // OpenAPI's own schema keywords, annotations only; `examples` is already 2020-12 vocabulary.
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  // The document root holding the components is a container, never compiled as a schema itself.
  ajv.addKeyword('components');
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: componentSchemas } });
  return ajv;
}

// Built and compiled on first use, then reused for the life of the process: a process that validates
// nothing (Playwright's runner, which only lists the tests) pays nothing. tests/unit/contract/schemas.spec.ts
// compiles every schema, so a spec ajv rejects is still a broken build, never a finding about a body.
let ajv: Ajv2020 | undefined;
let fastAjv: Ajv2020 | undefined;

let compiled = 0;
let fastCompiled = 0;

function compile(schema: SchemaName, mode: 'full' | 'fast'): ValidateFunction {
  const from = mode === 'full' ? (ajv ??= createAjv('full')) : (fastAjv ??= createAjv('fast'));
  const validator = from.getSchema(`${SPEC_ID}#/components/schemas/${schema}`);
  if (!validator) throw new Error(`schema ${schema} does not resolve in ${SPEC_ID}`);
  if (mode === 'full')
    compiled += 1; // the fast twins are counted apart (fastCompilations)
  else fastCompiled += 1;
  return validator;
}

const KNOWN = new Set<string>(SCHEMA_NAMES);
const validators = new Map<SchemaName, ValidateFunction>();
// The fast path: valid bodies (nearly all of them) are decided here, invalid ones re-run in full.
const fastValidators = new Map<SchemaName, ValidateFunction>();

function compiledFor(schema: SchemaName, mode: 'full' | 'fast'): ValidateFunction {
  const cache = mode === 'full' ? validators : fastValidators;
  const known = cache.get(schema);
  if (known) return known;
  if (!KNOWN.has(schema)) throw new Error(`unknown schema ${clip(String(schema))}`);
  const validator = compile(schema, mode);
  cache.set(schema, validator);
  return validator;
}

/** The compiled validator of a component schema; the same function for the life of the process. */
export function validatorFor(schema: SchemaName): ValidateFunction {
  return compiledFor(schema, 'full');
}

/** The fast path's validator of a component schema: the same verdict as validatorFor's, no errors. */
export function fastValidatorFor(schema: SchemaName): ValidateFunction {
  return compiledFor(schema, 'fast');
}

/** How many fast-path validators this process has compiled: at most one per schema name, however often it validates. */
export function fastCompilations(): number {
  return fastCompiled;
}

/** How many full validators this process has compiled: at most one per schema name, however often it validates. */
export function compilations(): number {
  return compiled;
}

/** True when the fast path proves `body` valid; false sends it to the full validator, which has the last word. */
function passesFastPath(schema: SchemaName, body: unknown): boolean {
  // Compiled outside the try: a schema ajv rejects is a broken build, never charged to the body.
  const fast = KNOWN.has(schema) ? fastValidatorFor(schema) : undefined;
  try {
    return fast?.(body) === true;
  } catch {
    return false; // a hostile value: the full validator reports it exactly as before
  }
}

/** Every way `body` breaks `schema`; [] when valid. Never throws, whatever the body. */
export function validate(schema: SchemaName, body: unknown): SchemaProblem[] {
  if (passesFastPath(schema, body)) return [];
  try {
    const validator = validatorFor(schema);
    if (validator(body)) return [];
    return toProblems(schema, validator.errors ?? []);
  } catch (error) {
    // Only a hostile value (a throwing getter, a revoked proxy) or a misnamed schema gets here.
    const reason = clip(error instanceof Error ? error.message : String(error));
    return [{ schema, path: '', keyword: 'exception', message: `(root) could not be validated: ${reason}`, params: {} }];
  }
}
