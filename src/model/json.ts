// JSON values as every layer reads them: the oracle's classify, the HAR reader, the simulator's scenario
// input and the reporter all parse and test bodies with these, so a body means the same thing everywhere.

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a body; never throws. A leading byte-order mark is ignored, as fetch's own .json() does. */
export function parseJson(body: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(body.charCodeAt(0) === 0xfeff ? body.slice(1) : body) };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/** The JSON value of a body, or undefined when it is not JSON (a leading byte-order mark ignored, as by parseJson). */
export function jsonValue(body: string): unknown {
  const parsed = parseJson(body);
  return parsed.ok ? parsed.value : undefined;
}
