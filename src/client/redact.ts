// Secrets never leave the client: every exchange, error message and log line passes through a
// Redactor before anyone else sees it, so evidence and reports can be published as they are.

export const REDACTED = '***';

/** Turns text that may contain a secret into text that does not. */
export type Redactor = (text: string) => string;

// Captain keys are environment-scoped by prefix (cap_dev_, cap_stage_, cap_prod_): hide any of them, ours or not.
const CAPTAIN_KEY_PATTERN = /cap_(?:dev|stage|prod)_[A-Za-z0-9_-]+/g;
const BEARER_PATTERN = /(Bearer\s+)[^\s"',;]+/gi;
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
// Request bodies of the index endpoints carry storage credentials (S3, GCS, Azure, R2, Dropbox).
const SECRET_FIELD = /secret|password|token|account_key|access_key|service_account_json|credential|api_key/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A redactor for the given secrets: each secret, in plain and URL-encoded form, becomes `***`,
 * as do Captain-style keys and `Bearer` tokens wherever they appear.
 */
export function redactor(secrets: readonly (string | undefined)[]): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    // A very short "secret" would redact ordinary words; such a key is rejected by the API anyway.
    if (!secret || secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(Buffer.from(secret).toString('base64'));
  }
  const literal = forms.size
    ? new RegExp([...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g')
    : null;
  return (text: string) => {
    let out = literal ? text.replace(literal, REDACTED) : text;
    out = out.replace(CAPTAIN_KEY_PATTERN, REDACTED);
    return out.replace(BEARER_PATTERN, `$1${REDACTED}`);
  };
}

/** Headers as recorded: credentials headers keep only their scheme, every other value is redacted text. */
export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (SECRET_HEADERS.has(name.toLowerCase())) {
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
