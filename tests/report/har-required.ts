// What HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) requires of a file, checked field by field,
// so a test of a written HAR says which field of which entry a consumer would trip on, not just "invalid".
// Only the required fields and their types: the optional ones and custom `_` fields are a writer's choice.

type Kind = 'string' | 'number' | 'array' | 'object';

const REQUIRED: Record<string, Record<string, Kind>> = {
  log: { version: 'string', creator: 'object', entries: 'array' },
  creator: { name: 'string', version: 'string' },
  entry: { startedDateTime: 'string', time: 'number', request: 'object', response: 'object', cache: 'object', timings: 'object' },
  request: {
    method: 'string',
    url: 'string',
    httpVersion: 'string',
    cookies: 'array',
    headers: 'array',
    queryString: 'array',
    headersSize: 'number',
    bodySize: 'number',
  },
  response: {
    status: 'number',
    statusText: 'string',
    httpVersion: 'string',
    cookies: 'array',
    headers: 'array',
    content: 'object',
    redirectURL: 'string',
    headersSize: 'number',
    bodySize: 'number',
  },
  content: { size: 'number', mimeType: 'string' },
  timings: { send: 'number', wait: 'number', receive: 'number' },
};

function kindOf(value: unknown): Kind | 'other' {
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object') return 'object';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number' && Number.isFinite(value)) return 'number';
  return 'other';
}

function missing(at: string, value: unknown, shape: string): string[] {
  if (kindOf(value) !== 'object') return [`${at} is not an object`];
  const record = value as Record<string, unknown>;
  return Object.entries(REQUIRED[shape]!).flatMap(([field, kind]) =>
    kindOf(record[field]) === kind ? [] : [`${at}.${field} is not ${kind === 'array' || kind === 'object' ? 'an' : 'a'} ${kind}`],
  );
}

/** Every way `har` falls short of HAR 1.2's required fields; empty when a HAR consumer can read it. */
export function har12Problems(har: unknown): string[] {
  const top = kindOf(har) === 'object' ? (har as Record<string, unknown>).log : undefined;
  const problems = missing('log', top, 'log');
  if (problems.length > 0) return problems;
  const log = top as { version: string; creator: unknown; entries: unknown[] };
  if (log.version !== '1.2') problems.push(`log.version is ${JSON.stringify(log.version)}, not "1.2"`);
  problems.push(...missing('log.creator', log.creator, 'creator'));
  log.entries.forEach((entry, i) => {
    const at = `log.entries[${i}]`;
    problems.push(...missing(at, entry, 'entry'));
    const { request, response, timings, startedDateTime } = (kindOf(entry) === 'object' ? entry : {}) as Record<
      string,
      Record<string, unknown>
    >;
    if (Number.isNaN(Date.parse(String(startedDateTime)))) problems.push(`${at}.startedDateTime is no date`);
    if (request) problems.push(...missing(`${at}.request`, request, 'request'));
    if (timings) problems.push(...missing(`${at}.timings`, timings, 'timings'));
    if (response) problems.push(...missing(`${at}.response`, response, 'response'));
    if (response?.content) problems.push(...missing(`${at}.response.content`, response.content, 'content'));
  });
  return problems;
}
