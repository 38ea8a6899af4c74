// Dialects: the plain simulator, and `vendor-variant`, which shows at once every behaviour the
// vendor's material allows but the plain simulator never shows (the lawful variation of docs/ARCHITECTURE.md,
// "What the oracle judges"). A suite that fails on the variant judges our habits, not the vendor's promise.

export const DIALECT_NAMES = ['plain', 'vendor-variant'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** One lawful variation, with the vendor text that allows it. */
export interface Variation {
  id: string;
  why: string;
}

/** Everything `vendor-variant` switches on; each id is checked where the behaviour lives. */
export const VENDOR_VARIATIONS = [
  {
    id: 'auth-403',
    why: 'a missing or wrong key is 403: no jobs endpoint documents 401, and FastAPI HTTPBearer answered 403 (vendor-evidence section 6)',
  },
  {
    id: 'processed-counts-all',
    why: 'progress.files_processed counts failed and skipped files too: the SDK says only "files processed so far" (JS-STATE-008 audit)',
  },
  {
    id: 'foreign-cursor-ignored',
    why: 'a files_cursor the server never issued serves the first page: the cursor is opaque and no 4xx is documented (JS-PAGE-005 audit)',
  },
  {
    id: 'placeholder-null-keys',
    why: 'the placeholder carries every other JobStatus key as null, as a FastAPI response_model renders it (vendor-evidence section 3f)',
  },
  {
    id: 'live-finished-fields',
    why: 'billing.credits.remaining, updated_at and the ETA of a finished job are live: "credits left in the current billing period" (DOC-cancel audit, section 5)',
  },
  {
    id: 'offset-timestamps',
    why: 'timestamps as +00:00 with microseconds: RFC 3339 date-time allows any offset and fraction (seed, "format: date-time")',
  },
  {
    id: 'files-null-while-pending',
    why: 'files and files_page are null before the job has files to show: the seed types them "list of objects or null" / "object or null"',
  },
  {
    id: 'malformed-id-422',
    why: 'a job id that is not an id at all is a 422, as a typed FastAPI path parameter answers; a well-formed unknown id stays 404',
  },
  {
    id: 'additive-fields',
    why: 'extra fields (execution_arn, pii_report, youtube, extra progress and file keys) and an unknown job_type: the SDK allows extras and types job_type `| Any`',
  },
  { id: 'retry-after-date', why: 'a 429 gives Retry-After as an HTTP date: RFC 9110 section 10.2.3 allows a date or seconds' },
  {
    id: 'delete-forgets-job',
    why: 'DELETE /v2/jobs/{job_id} also deletes the job, which then reads 404: the delete page says "cancel and delete"',
  },
  {
    id: 'vendor-statuses',
    why: 'processing before running, completed_with_errors and timed_out: the vendor MCP server filters jobs by them and its webhooks call the last two final statuses',
  },
  {
    id: 'finished-stage-null',
    why: 'progress.current_stage is null once the job is finished: the seed defines the stage only "when status is running"',
  },
] as const satisfies readonly Variation[];

export type VariationId = (typeof VENDOR_VARIATIONS)[number]['id'];

export interface Dialect {
  name: DialectName;
  variations: ReadonlySet<VariationId>;
}

export const PLAIN: Dialect = { name: 'plain', variations: new Set() };

export const VENDOR_VARIANT: Dialect = { name: 'vendor-variant', variations: new Set(VENDOR_VARIATIONS.map((v) => v.id)) };

export function isDialectName(name: string): name is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(name);
}

export function dialectNamed(name: DialectName): Dialect {
  return name === 'vendor-variant' ? VENDOR_VARIANT : PLAIN;
}

export function shows(dialect: Dialect, variation: VariationId): boolean {
  return dialect.variations.has(variation);
}
