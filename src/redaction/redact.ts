// The one redaction policy. Secrets never leave the suite: the client redacts every exchange, error and
// log line as it records them, and the report redacts everything again before writing, with this same
// marker, list of secret headers and patterns, so what is hidden does not depend on the path text took.
// A leaf module (no imports from src/): the client, the report, the CLIs and the tests all import it.

export const REDACTED = '[redacted]';

/** Turns text that may contain a secret into text that does not. */
export type Redactor = (text: string) => string;

// A very short "secret" would redact ordinary words; such a key is rejected by the API anyway.
const MIN_SECRET_LENGTH = 4;

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-captain-key',
]);
// Captain keys are environment-scoped by prefix (cap_dev_, cap_stage_, cap_prod_): hide any of them, ours or not.
const CAPTAIN_KEY = /cap_(?:dev|stage|prod)_[A-Za-z0-9_-]+/g;
// Only a word "Bearer" followed by a key-shaped token (8+ characters with a digit or a symbol keys use):
// prose like "FastAPI's HTTPBearer returns 403" or "a Bearer token" is not a credential.
const BEARER = /(\bBearer\s+)(?=[^\s"',;]*[0-9_.~+/=-])[A-Za-z0-9._~+/=-]{8,}/gi;
// Case-sensitive: "basic" is also a processing type, and prose says "basic job".
const BASIC = /\b(Basic\s+)[A-Za-z0-9._~+/=-]{4,}/g;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s"'<>]+@/gi;
const SECRET_QUERY = /([?&](?:api[_-]?key|key|token|access_token|secret|password)=)[^&#\s"'<>]*/gi;
// Request bodies of the index endpoints carry storage credentials (S3, GCS, Azure, R2, Dropbox).
const SECRET_FIELD = /secret|password|token|account_key|access_key|service_account_json|credential|api_key/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Secrets worth scanning for: set, and long enough that replacing them cannot shred ordinary text. */
export function secretsFrom(values: readonly (string | undefined)[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
}

/** Whether a header (or a key of a recorded header map) carries credentials. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

// Every pattern above needs one of these marks in the text (BASIC and CAPTAIN_KEY case-sensitively, so this
// test, case-blind, is a superset): most strings the suite redacts (ids, statuses, dates, keys of objects) hold
// none, and are returned without the six scans.
const PATTERN_MARKS = ['cap_', 'bearer', 'basic', ':\\/\\/', '[?&]'];

/**
 * A redactor for the given secrets: each secret, in plain, URL-encoded and base64 form, becomes the
 * marker, as do Captain-style keys, `Bearer`/`Basic` credentials, URL user-info and key query parameters.
 */
export function redactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = secretForms(secrets);
  const scan = scanner(forms);
  const marked = new RegExp([...forms.map(escapeRegExp), ...PATTERN_MARKS].join('|'), 'i');
  return (text: string) => (marked.test(text) ? scan(text) : text);
}

/** The redactor without its fast path: every scan on every text (what `redactor` must equal, tests/unit/report/redact.spec.ts). */
export function scanningRedactor(secrets: readonly (string | undefined)[]): Redactor {
  return scanner(secretForms(secrets));
}

/** Each secret's plain, URL-encoded and base64 forms, longest first (so a longer form is replaced whole). */
function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secretsFrom(secrets)) {
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(secret).toString('base64'));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function scanner(forms: readonly string[]): Redactor {
  const literal = forms.length ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : null;
  return (text: string) => {
    const out = literal ? text.replace(literal, REDACTED) : text;
    return out
      .replace(CAPTAIN_KEY, REDACTED)
      .replace(BEARER, `$1${REDACTED}`)
      .replace(BASIC, `$1${REDACTED}`)
      .replace(URL_USERINFO, `$1${REDACTED}@`)
      .replace(SECRET_QUERY, `$1${REDACTED}`);
  };
}

/** Free text with the given secrets and every secret-looking pattern redacted. */
export function redactText(text: string, secrets: readonly string[]): string {
  return redactor(secrets)(text);
}

/** Headers as recorded: credentials headers keep only their scheme, every other value is redacted text. */
export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSecretHeader(name)) {
      const scheme = /^(\w+)\s+\S/.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else {
      out[name] = redact(value);
    }
  }
  return out;
}

/** The string values of credential-like fields anywhere in a JSON value. */
export function secretFieldValues(value: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, field] of Object.entries(node)) {
        if (SECRET_FIELD.test(key) && typeof field === 'string') found.push(field);
        else visit(field);
      }
    }
  };
  visit(value);
  return found;
}

/** A JSON request body as recorded: credential-like fields are replaced, then the text is redacted. */
export function redactJsonBody(value: unknown, redact: Redactor): string {
  const text = JSON.stringify(value, (key, field: unknown) =>
    key !== '' && SECRET_FIELD.test(key) && field !== null && field !== undefined && typeof field !== 'object' ? REDACTED : field,
  );
  return redact(text ?? '');
}

/** Deep copy with every string redacted and credential headers blanked; cycles become `[cycle]`. */
export function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  return redactDeepWith(value, redactor(secrets), new WeakSet<object>());
}

function redactDeepWith(value: unknown, redact: Redactor, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (Array.isArray(value)) {
    const copy = value.map((item) => redactDeepWith(item, redact, seen));
    seen.delete(value);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[redact(key)] = isSecretHeader(key) && typeof item === 'string' ? REDACTED : redactDeepWith(item, redact, seen);
  }
  seen.delete(value);
  return copy;
}
