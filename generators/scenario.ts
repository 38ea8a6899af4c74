// Scenarios: everything that decides how one job unfolds (src/model/scenario.ts), as a fast-check
// arbitrary. Plain JSON, so the simulator can play what the properties sample.
import fc from 'fast-check';
import type { FileOutcome, FileScenario, ScenarioEnd, PlaceholderPattern, Scenario } from '../src/model/scenario.js';
import { STAGES } from '../src/model/stage.js';

export const DOCUMENT_EXTENSIONS = ['pdf', 'docx', 'txt', 'md', 'html', 'pptx', 'csv'] as const;
export const MEDIA_EXTENSIONS = ['mp4', 'mov', 'mp3', 'wav'] as const;

export type EndKind = ScenarioEnd['kind'];

export interface ScenarioOptions {
  /** Most files a scenario may list (default 300; generation is biased toward small jobs). */
  maxFiles?: number;
  /** Fewest files (default 0). */
  minFiles?: number;
  /** How jobs may end (default run, cancel and fail; `stuck` never ends, so it is opt-in). */
  ends?: readonly EndKind[];
  /** Whether files may be media (default true). */
  media?: boolean;
  /** Longest duration of one stage, in seconds (default 30). */
  maxStageSeconds?: number;
}

export const DEFAULT_ENDS: readonly EndKind[] = ['run', 'cancel', 'fail'];

const fileArbitrary = (media: boolean) =>
  fc.record({
    ext: media
      ? fc.oneof(
          { arbitrary: fc.constantFrom(...DOCUMENT_EXTENSIONS), weight: 3 },
          { arbitrary: fc.constantFrom(...MEDIA_EXTENSIONS), weight: 1 },
        )
      : fc.constantFrom(...DOCUMENT_EXTENSIONS),
    outcome: fc.oneof(
      { arbitrary: fc.constant<FileOutcome>('completed'), weight: 6 },
      { arbitrary: fc.constant<FileOutcome>('failed'), weight: 1 },
      { arbitrary: fc.constant<FileOutcome>('skipped'), weight: 1 },
    ),
    stem: fc.constantFrom('report', 'notes', 'minutes', 'interview', 'podcast', 'slides', 'invoice'),
    folder: fc.constantFrom('docs', 'media', 'archive/2025', ''),
  });

const MEDIA = new Set<string>(MEDIA_EXTENSIONS);

interface RawFile {
  ext: string;
  outcome: FileOutcome;
  stem: string;
  folder: string;
}

/** Files with unique uris: the index goes into the name, so no two files collide. */
function filesArbitrary(minFiles: number, maxFiles: number, media: boolean): fc.Arbitrary<FileScenario[]> {
  // Sizes set explicitly: fast-check otherwise keeps lengths within a few of the minimum.
  const count = (min: number, max: number, size: fc.SizeForArbitrary = 'small'): fc.Arbitrary<RawFile[]> =>
    fc.array(fileArbitrary(media), { minLength: min, maxLength: max, size });
  const smallMax = Math.min(maxFiles, Math.max(minFiles, 8));
  const mediumMax = Math.min(maxFiles, Math.max(minFiles, 60));
  const sizes: fc.WeightedArbitrary<RawFile[]>[] = [{ arbitrary: count(minFiles, smallMax), weight: 8 }];
  // Every arm starts at minFiles, so a counterexample shrinks to the fewest files whatever arm drew it.
  if (mediumMax > smallMax) sizes.push({ arbitrary: count(minFiles, mediumMax, 'medium'), weight: 2 });
  if (maxFiles > mediumMax) sizes.push({ arbitrary: count(minFiles, maxFiles, 'max'), weight: 1 });
  return fc.oneof(...sizes).map((files) =>
    files.map((f, i): FileScenario => ({
      uri: `s3://acme-${f.folder ? 'data' : 'root'}/${f.folder ? `${f.folder}/` : ''}${f.stem}-${i + 1}.${f.ext}`,
      media: MEDIA.has(f.ext),
      outcome: f.outcome,
    })),
  );
}

const errorArbitrary = fc.constantFrom(
  { errorCode: 'EXTRACTION_FAILED', errorMessage: 'The extractor crashed on the input' },
  { errorCode: 'QUOTA_EXCEEDED', errorMessage: 'The organization ran out of credits' },
  { errorCode: 'BUCKET_ACCESS_DENIED', errorMessage: 'Access to the bucket was denied' },
);

function endArbitrary(kinds: readonly EndKind[]): fc.Arbitrary<ScenarioEnd> {
  const byKind: Record<EndKind, fc.Arbitrary<ScenarioEnd>> = {
    run: fc.constant({ kind: 'run' }),
    cancel: fc.record({
      kind: fc.constant('cancel' as const),
      atSecond: fc.integer({ min: 0, max: 240 }),
      by: fc.constantFrom('user:ada@example.com', 'api-key:ops', 'admin'),
    }),
    fail: fc.tuple(fc.constantFrom(...STAGES), errorArbitrary).map(([stage, error]): ScenarioEnd => ({ kind: 'fail', stage, ...error })),
    stuck: fc.constantFrom(...STAGES).map((stage): ScenarioEnd => ({ kind: 'stuck', stage })),
  };
  const weights: Record<EndKind, number> = { run: 4, cancel: 2, fail: 2, stuck: 1 };
  return fc.oneof(...kinds.map((kind) => ({ arbitrary: byKind[kind], weight: weights[kind] })));
}

export const placeholderPatternArbitrary: fc.Arbitrary<PlaceholderPattern> = fc.oneof(
  { arbitrary: fc.constant({}), weight: 2 },
  { arbitrary: fc.record({ polls: fc.uniqueArray(fc.nat(30), { maxLength: 6 }).map((p) => [...p].sort((a, b) => a - b)) }), weight: 2 },
  { arbitrary: fc.record({ probability: fc.integer({ min: 1, max: 60 }).map((n) => n / 100) }), weight: 1 },
);

/** A Scenario, plain JSON: files, outcomes, stage durations, how it ends, placeholders, media lag. */
export function scenarioArbitrary(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const maxFiles = options.maxFiles ?? 300;
  const minFiles = Math.min(options.minFiles ?? 0, maxFiles);
  const stage = fc.integer({ min: 0, max: options.maxStageSeconds ?? 30 });
  return fc.record({
    jobType: fc.constantFrom('index_s3_directory', 'index_s3_file', 'index_gcs_directory', 'index_azure_container', 'index_url'),
    collection: fc.constantFrom('docs', 'support-kb', 'media-library', 'q1-reports'),
    files: filesArbitrary(minFiles, maxFiles, options.media ?? true),
    pendingSeconds: fc.integer({ min: 0, max: 20 }),
    stageSeconds: fc.tuple(stage, stage, stage, stage, stage, stage),
    end: endArbitrary(options.ends ?? DEFAULT_ENDS),
    mediaLagSeconds: fc.integer({ min: 0, max: 120 }),
    placeholders: placeholderPatternArbitrary,
    processingType: fc.constantFrom('basic' as const, 'advanced' as const),
  });
}
