// Validation against peers: the same generated status bodies validated as JobStatus by src/contract
// and by openapi-response-validator (what jest-openapi uses) and @exodus/schemasafe, side by side.
// Fair: every validator gets the whole spec's components and the same format functions
// (ajv-formats' full date-time, uri, uuid), and each must reach the same verdict on every body.
import addFormats from 'ajv-formats';
import { validator as schemasafe } from '@exodus/schemasafe';
import responseValidator from 'openapi-response-validator';
import { isDateTime, referenceDateTime } from '../src/contract/date-time.js';
import { toProblems } from '../src/contract/problems.js';
import { openapi, validate, validatorFor } from '../src/contract/schemas.js';
import type { BenchOptions, BenchResult } from './run.js';
import { fmt, interleaved, ratio, verdict, type Contender } from './measure.js';
import { statusBodies } from './status-bodies.js';

const SEED = 20_260_415;
const TARGET = 3;

type Verdict = (body: unknown) => boolean;

function formatFunction(name: 'uri' | 'uuid'): (value: string) => boolean {
  const format = addFormats.default.get(name, 'full');
  if (typeof format === 'function') return format as (value: string) => boolean;
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === 'object' && typeof format.validate === 'function') return format.validate as (value: string) => boolean;
  if (typeof format === 'object' && format.validate instanceof RegExp) return (value) => (format.validate as RegExp).test(value);
  throw new Error(`ajv-formats has no ${name}`);
}

/** The formats the spec uses, as ajv-formats' full mode checks them: what src/contract's full validator checks. */
const FORMATS = { 'date-time': referenceDateTime, uri: formatFunction('uri'), uuid: formatFunction('uuid') };

/** openapi-response-validator over the spec's components, JobStatus as the 200 body. */
function peerValidator(dateTime: (value: string) => boolean): Verdict {
  // CommonJS with `exports.default`: under ESM the class is the default export's `default`.
  const OpenAPIResponseValidator = responseValidator.default;
  const peer = new OpenAPIResponseValidator({
    responses: { 200: { schema: { $ref: '#/components/schemas/JobStatus' } } },
    components: openapi.components as never,
    customFormats: { ...FORMATS, 'date-time': dateTime },
  });
  return (body) => peer.validateResponse('200', body) === undefined;
}

/** OpenAPI's annotation keywords, which src/contract declares to ajv and schemasafe does not know. */
function withoutAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAnnotations);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['example', 'discriminator', 'xml', 'externalDocs'].includes(key))
      .map(([key, v]) => [key, withoutAnnotations(v)]),
  );
}

/** @exodus/schemasafe over the same components, draft 2020-12, verdict only (it then stops at the first error, like our fast path). */
function schemasafeValidator(): Verdict | string {
  const id = 'https://captain-conformance.local/spec/openapi.yaml';
  try {
    const validate = schemasafe(
      { $schema: 'https://json-schema.org/draft/2020-12/schema', $ref: `${id}#/components/schemas/JobStatus` },
      {
        schemas: { [id]: { $id: id, components: withoutAnnotations(openapi.components) } } as never,
        formats: FORMATS,
        includeErrors: false,
      },
    );
    return (body) => validate(body as never);
  } catch (error) {
    return `@exodus/schemasafe could not load the spec: ${(error as Error).message.slice(0, 200)}`;
  }
}

export default async function (options: BenchOptions): Promise<BenchResult> {
  const count = 10_000;
  const { conforming, corrupted } = statusBodies(count, SEED);
  const all = [...conforming, ...corrupted];
  const ours: Verdict = (body) => validate('JobStatus', body).length === 0;
  // src/contract before the fast path: the full validator (allErrors, verbose) and the problem mapping.
  const full = validatorFor('JobStatus');
  const fullPath = (body: unknown) => (full(body) ? [] : toProblems('JobStatus', full.errors ?? []));
  const peer = peerValidator(referenceDateTime);
  const peerFastDates = peerValidator(isDateTime);
  const safe = schemasafeValidator();

  // Verdicts: every validator must agree with ours on every body.
  const judges: [string, Verdict][] = [
    ['src/contract without the fast path', (b) => fullPath(b).length === 0],
    ['openapi-response-validator', peer],
    ['openapi-response-validator, our date-time check', peerFastDates],
    ...(typeof safe === 'string' ? [] : [['@exodus/schemasafe', safe] as [string, Verdict]]),
  ];
  const valid = all.filter(ours);
  const invalid = all.filter((b) => !ours(b));
  const mismatches = judges.flatMap(([name, judge]) =>
    all.flatMap((body, i) =>
      judge(body) === ours(body)
        ? []
        : [
            {
              validator: name,
              body: i,
              ours: ours(body),
              theirs: judge(body),
              problems: validate('JobStatus', body)
                .map((p) => p.message)
                .slice(0, 3),
            },
          ],
    ),
  );

  const rounds = options.quick ? 3 : 7;
  const contenders: Contender<unknown>[] = [
    { name: 'src/contract validate()', check: (b) => validate('JobStatus', b) },
    { name: 'src/contract, no fast path', check: fullPath },
    { name: 'openapi-response-validator', check: peer },
    { name: 'openapi-response-validator + our date-time', check: peerFastDates },
    ...(typeof safe === 'string' ? [] : [{ name: '@exodus/schemasafe (verdict only)', check: safe }]),
  ];
  const measure = (bodies: readonly unknown[]) => interleaved(bodies, contenders, { rounds, chunk: 100 });
  const onValid = measure(valid);
  const onInvalid = measure(invalid);
  const byName = (timings: typeof onValid, name: string) => timings.find((t) => t.name === name)!;
  const vsPeer = byName(onValid, 'src/contract validate()').perSecond / byName(onValid, 'openapi-response-validator').perSecond;
  const vsPeerInvalid = byName(onInvalid, 'src/contract validate()').perSecond / byName(onInvalid, 'openapi-response-validator').perSecond;
  const table = (label: string, timings: typeof onValid) =>
    timings.map(
      (t) =>
        `  ${label.padEnd(8)} ${t.name.padEnd(44)} ${fmt(t.perSecond).padStart(9)}/s  ${ratio(t.perSecond / byName(timings, 'openapi-response-validator').perSecond).padStart(7)} the peer`,
    );
  const met = vsPeer >= TARGET && mismatches.length === 0;
  const lines = [
    `${all.length} JobStatus bodies (seed ${SEED}): ${conforming.length} conforming, ${corrupted.length} corrupted; ${valid.length} valid and ${invalid.length} invalid by the schema; best of ${rounds} rounds per chunk of 100 bodies, contenders interleaved`,
    ...table('valid', onValid),
    ...table('invalid', onInvalid),
    `verdicts: ${mismatches.length === 0 ? `identical on all ${all.length} bodies for ${judges.length} validators` : `${mismatches.length} MISMATCHES: ${JSON.stringify(mismatches.slice(0, 5))}`}`,
    ...(typeof safe === 'string' ? [safe] : []),
    `target >= ${TARGET}x openapi-response-validator on valid bodies, same verdicts: ${ratio(vsPeer)} -> ${verdict(met)}${vsPeer < TARGET ? ` (short by ${ratio(TARGET - vsPeer)})` : ''}; on invalid bodies ${ratio(vsPeerInvalid)}`,
  ];
  return {
    lines,
    figures: {
      seed: SEED,
      bodies: all.length,
      valid: valid.length,
      invalid: invalid.length,
      rounds,
      onValid,
      onInvalid,
      ratioVsPeerValid: vsPeer,
      ratioVsPeerInvalid: vsPeerInvalid,
      target: TARGET,
      mismatches,
      met,
    },
    failures: mismatches.length > 0 ? [`${mismatches.length} verdict mismatches between validators`] : [],
  };
}
