// How the text of an environment variable becomes a value: each kind parses strictly and says, in words,
// what it accepts, so that a rejected value comes back with what would have been accepted.

export interface Kind<T> {
  /** What is accepted, in words: "a whole number of 1 or more". */
  readonly accepts: string;
  /** The value, or undefined when the text is not accepted. */
  readonly parse: (text: string) => T | undefined;
  /** A value in words, as docs/configuration.md writes a default: 5,000; no limit. */
  readonly show: (value: T) => string;
}

// Strict grammars: Number() would take '', ' 1', '0x10' and '1e3' for numbers nobody meant.
const WHOLE = /^\d+$/;
const SIGNED_WHOLE = /^-?\d+$/;
const DECIMAL = /^\d+(?:\.\d+)?$/;

const grouped = (value: number): string => (Number.isFinite(value) ? value.toLocaleString('en-US') : 'no limit');

/** Any non-empty text (an empty value never gets here: it counts as unset). */
export function text(accepts: string): Kind<string> {
  return { accepts, parse: (raw) => raw, show: (value) => value };
}

/** A base URL the client can put paths after: http(s), no credentials (fetch refuses them), no query or fragment. */
export const baseUrl: Kind<string> = {
  accepts: 'an http:// or https:// URL, with no user:password@, ?query or #fragment',
  parse(raw) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return undefined;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password || url.search || url.hash || raw.includes('?') || raw.includes('#')) return undefined;
    return raw.replace(/\/+$/, '');
  },
  show: (value) => value,
};

/** A key or an organization id: it travels in a header, where a space or a pasted line break breaks the request. */
export const credential: Kind<string> = {
  accepts: 'printable characters with no spaces or line breaks',
  parse: (raw) => (/^[\x21-\x7e]+$/.test(raw) ? raw : undefined),
  show: (value) => value,
};

export function wholeNumber(min: 0 | 1): Kind<number> {
  return {
    accepts: `a whole number of ${min} or more`,
    parse(raw) {
      const value = Number(raw);
      return WHOLE.test(raw) && Number.isSafeInteger(value) && value >= min ? value : undefined;
    },
    show: grouped,
  };
}

export const seconds: Kind<number> = {
  accepts: 'a positive number of seconds, e.g. 600 or 1.5',
  parse(raw) {
    const value = Number(raw);
    return DECIMAL.test(raw) && Number.isFinite(value) && value > 0 ? value : undefined;
  },
  show: grouped,
};

export const requestRate: Kind<number> = {
  accepts: 'a positive number of requests per second, e.g. 10 or 0.5, or Infinity for no limit',
  parse(raw) {
    if (raw === 'Infinity') return Infinity;
    const value = Number(raw);
    return DECIMAL.test(raw) && Number.isFinite(value) && value > 0 ? value : undefined;
  },
  show: grouped,
};

// fast-check reduces a seed to 32 bits: a wider one would replay the same run as a different number.
const SEED_MIN = -(2 ** 31);
const SEED_MAX = 2 ** 31 - 1;

export const seed: Kind<number> = {
  accepts: `a whole number from ${SEED_MIN} to ${SEED_MAX}`,
  parse(raw) {
    const value = Number(raw);
    return SIGNED_WHOLE.test(raw) && value >= SEED_MIN && value <= SEED_MAX ? value : undefined;
  },
  show: String,
};

export function oneOf<T extends string>(values: readonly T[]): Kind<T> {
  return {
    accepts: values.join(' or '),
    parse: (raw) => values.find((v) => v === raw),
    show: (value) => value,
  };
}

export const flag: Kind<boolean> = {
  accepts: '1 (on) or 0 (off)',
  parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
  show: (value) => (value ? '1' : '0'),
};

// It names the scratch collections, `conformance-<run id>-w<n>`: the vendor's client allows 3 to 63 letters,
// digits, - and _ in a collection name, so 40 leaves room for the rest of it.
export const runId: Kind<string> = {
  accepts: "1 to 40 letters, digits, - or _ (it names the run's scratch collections)",
  parse: (raw) => (/^[A-Za-z0-9_-]{1,40}$/.test(raw) ? raw : undefined),
  show: (value) => value,
};
