// The HAR 1.2 module: the scanner finds every entry of a file whatever the chunking, keeps the whole ones
// of a file cut short and names what is not a HAR; an exchange written as an entry reads back as the same
// exchange; entries of other exporters read as the client would have recorded them, or say why not.
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { exchangeOf, type Exchange } from '../../../src/oracle/exchange.js';
import { entryOf, readEntry } from '../../../src/har/har-entry.js';
import { HarScanner, type ScannedValue } from '../../../src/har/har-scanner.js';
import { routeOf } from '../../../src/recorded/routes.js';
import { redactor } from '../../../src/redaction/redact.js';
import { har12Problems } from '../../report/har-required.js';

function scan(text: string | Buffer, chunk = Infinity): { values: ScannedValue[]; end: ReturnType<HarScanner['end']> } {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const scanner = new HarScanner();
  const values: ScannedValue[] = [];
  const size = Number.isFinite(chunk) ? chunk : bytes.length;
  for (let i = 0; i < bytes.length; i += size) values.push(...scanner.feed(bytes.subarray(i, i + size)));
  return { values, end: scanner.end() };
}

const entries = (values: ScannedValue[]) => values.filter((v) => v.kind === 'entry').map((v) => JSON.parse(v.bytes!.toString()));

const tricky = {
  log: {
    creator: { name: 'x "}]{[', version: '1' },
    pages: [{ id: 'p', title: '{"log":{"entries":[1]}}' }],
    entries: [{ a: 'b\\"}', n: [1, { c: '✓ ünïcode' }] }, { empty: {} }, 7, 'text', null],
    version: '1.2',
  },
  other: { entries: [{ not: 'these' }] },
};

test.describe('the HAR scanner', () => {
  test('finds every entry of log.entries and the small log fields, whatever the chunk size, and no other value', () => {
    const text = JSON.stringify(tricky, null, 1);
    for (const chunk of [1, 2, 3, 7, 64, Infinity]) {
      const { values, end } = scan(text, chunk);
      expect(entries(values), `chunk ${chunk}`).toEqual(tricky.log.entries);
      expect(values.filter((v) => v.kind === 'log-field').map((v) => [v.key, JSON.parse(v.bytes!.toString())])).toEqual([
        ['creator', tricky.log.creator],
        ['version', '1.2'],
      ]);
      expect(end).toEqual({ complete: true, sawLog: true, sawEntries: true });
    }
  });

  test('gives each entry its place in the file, so it can be read again from there', () => {
    const text = JSON.stringify(tricky);
    const bytes = Buffer.from(text);
    for (const value of scan(text, 5).values) expect(bytes.subarray(value.start, value.end).equals(value.bytes!)).toBe(true);
  });

  test('a file cut short keeps the entries read whole before the cut, and says where it broke off', () => {
    const text = JSON.stringify({ log: { version: '1.2', entries: [{ a: 1 }, { b: 2 }, { c: 3 }] } });
    const cut = text.slice(0, text.indexOf('{"c"') + 3);
    const { values, end } = scan(cut, 4);
    expect(entries(values)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(end.complete).toBe(false);
    expect(end.problem).toMatch(/cut short after \d+ bytes/);
  });

  test('names what is not a HAR: not JSON, JSON without log or entries, an empty file; a byte-order mark is fine', () => {
    expect(scan('<html>nope</html>').end.problem).toMatch(/not a HAR file: it does not start with a JSON object/);
    expect(scan('[1,2]').end.problem).toMatch(/does not start with a JSON object/);
    expect(scan('{"foo": 1}').end.problem).toMatch(/has no "log"/);
    expect(scan('{"log": {"version": "1.2"}}').end.problem).toMatch(/has no "entries"/);
    expect(scan('   ').end.problem).toMatch(/empty/);
    expect(scan('{"log": {"entries": [1]}} trailing bytes').end.problem).toBeUndefined(); // read up to the object's end
    expect(scan('{"log": {"entries": [1]}]').end.problem).toMatch(/an unmatched \]/);
    expect(scan('{"log": {"entries": [1}}').end.problem).toMatch(/broken at byte/);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"log":{"entries":[{"a":1}]}}')]);
    expect(entries(scan(bom).values)).toEqual([{ a: 1 }]);
  });
});

const keep = { redact: redactor([]) };

function roundTrip(exchange: Exchange): Exchange {
  const entry = JSON.parse(JSON.stringify(entryOf(exchange, { baseUrl: 'http://127.0.0.1:4010', test: 't', timeline: 'j1' })));
  const read = readEntry(entry, keep);
  if (!read.ok) throw new Error(read.reason);
  expect(read.test).toBe('t');
  expect(read.timeline).toBe('j1');
  expect(read.url).toBe(`http://127.0.0.1:4010${exchange.request.url}`);
  return { ...read.exchange, request: { ...read.exchange.request, url: exchange.request.url } };
}

test.describe('an exchange as a HAR entry', () => {
  test('reads back as the same exchange: status, headers, body, when it arrived, and what went wrong with it', () => {
    const base = exchangeOf(
      { job_id: 'j1', status: 'running' },
      { url: '/v2/jobs/j1?files_limit=7', receivedAt: '2026-01-02T03:04:05.678Z' },
    );
    base.durationMs = 12;
    base.request.headers = { accept: 'application/json', authorization: 'Bearer [redacted]' };
    const cases: Exchange[] = [
      base,
      { ...base, body: '\uFEFF{"job_id":"j1"}', bom: true },
      { ...base, body: '{"job_id":"j\uFFFD"}', invalidUtf8: true },
      { ...base, body: '{"job_id":"j1","sta', truncated: true, error: 'body exceeds 8 MiB' },
      { ...base, status: 0, headers: {}, body: '', error: 'timeout after 5000 ms' },
      {
        ...base,
        status: 302,
        headers: { location: 'https://elsewhere/' },
        body: '',
        error: 'HTTP 302 redirect to https://elsewhere/ not followed',
      },
      { ...base, request: { method: 'POST', url: '/v2/collections/c/query', headers: {}, body: '{"query":"q"}' } },
    ];
    for (const exchange of cases) expect(roundTrip(exchange)).toEqual(exchange);
  });

  test('is HAR 1.2: the fields the spec requires are there, the URL absolute, a long body kept cut and said so', () => {
    const entry = entryOf(exchangeOf('x'.repeat(100), { url: '/v2/jobs/j1' }), { baseUrl: 'http://h/api/', maxBodyChars: 10 });
    expect(entry.request.url).toBe('http://h/api/v2/jobs/j1');
    // The entry in a log of its own: every field HAR 1.2 requires of it, with its type (the one table of them).
    expect(har12Problems({ log: { version: '1.2', creator: { name: 'har.spec', version: '0' }, entries: [entry] } })).toEqual([]);
    expect(entry.response.content.text).toBe('x'.repeat(10));
    expect(entry._bodyCut).toMatch(/first 10 of 100 characters/);
    expect(readEntry(entry, keep)).toMatchObject({ ok: false, reason: expect.stringMatching(/not recorded whole/) });
  });
});

function foreign(content: Record<string, unknown>, headers: Array<{ name: string; value: string }> = []) {
  return {
    startedDateTime: '2026-01-02T03:04:05.000Z',
    time: 20.5,
    request: {
      method: 'get',
      url: 'https://api.runcaptain.com/v2/jobs/j1',
      headers: [{ name: 'Authorization', value: 'Bearer cap_dev_abcdef123456' }],
    },
    response: { status: 200, headers: [{ name: 'Content-Type', value: 'application/json' }, ...headers], content },
  };
}

test.describe('entries of other exporters', () => {
  const body = '{"job_id":"j1","status":"running"}';

  test('a text body, a base64 one and a gzip one kept compressed all read as the same body; the key is redacted at capture', () => {
    const plain = readEntry(foreign({ size: body.length, mimeType: 'application/json', text: body }), keep);
    const base64 = readEntry(foreign({ size: body.length, text: Buffer.from(body).toString('base64'), encoding: 'base64' }), keep);
    const gzip = readEntry(
      foreign({ size: body.length, text: gzipSync(body).toString('base64'), encoding: 'base64' }, [
        { name: 'Content-Encoding', value: 'gzip' },
      ]),
      keep,
    );
    // devtools store the decoded body but keep the header that said it travelled compressed
    const decodedByExporter = readEntry(foreign({ size: body.length, text: body }, [{ name: 'content-encoding', value: 'br' }]), keep);
    for (const read of [plain, base64, gzip, decodedByExporter]) {
      expect(read.ok).toBe(true);
      if (!read.ok) continue;
      expect(read.exchange.body).toBe(body);
      expect(read.exchange.request.method).toBe('GET');
      expect(read.exchange.request.headers.authorization).toBe('Bearer [redacted]');
      expect(read.exchange.headers['content-type']).toBe('application/json');
      expect(read.exchange.receivedAt).toBe('2026-01-02T03:04:05.021Z');
    }
  });

  test('bytes that are not UTF-8 and a byte-order mark are flagged as the client flags them', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    const read = readEntry(foreign({ size: bytes.length, text: bytes.toString('base64'), encoding: 'base64' }), keep);
    expect(read).toMatchObject({ ok: true, exchange: { bom: true, invalidUtf8: true, body: '\uFEFF{"a":"\uFFFD"}' } });
  });

  test('says why it cannot: a body left out, one in an unknown encoding, a compression it cannot undo, a missing attached file', () => {
    expect(readEntry(foreign({ size: 120, mimeType: 'application/json' }), keep)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/left out/),
    });
    expect(readEntry(foreign({ size: 0, mimeType: 'application/json' }), keep)).toMatchObject({ ok: true, exchange: { body: '' } });
    expect(readEntry(foreign({ size: 3, text: 'abc', encoding: 'rot13' }), keep)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/encoding "rot13"/),
    });
    const garbage = Buffer.from([0x1f, 0x8b, 1, 2, 3]).toString('base64');
    expect(
      readEntry(foreign({ size: 9, text: garbage, encoding: 'base64' }, [{ name: 'content-encoding', value: 'gzip' }]), keep),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/does not decompress/),
    });
    expect(readEntry(foreign({ size: 9, _file: 'abc.json' }), { ...keep, attached: () => undefined })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/beside the HAR/),
    });
    expect(readEntry(foreign({ size: 9, _file: 'abc.json' }), { ...keep, attached: () => Buffer.from(body) })).toMatchObject({
      ok: true,
      exchange: { body },
    });
    expect(readEntry({ request: {} }, keep)).toMatchObject({ ok: false, reason: expect.stringMatching(/no request method/) });
    expect(readEntry('x', keep)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a JSON object/) });
  });
});

test('routes: the Captain API endpoints are told by method and path, behind any host or prefix', () => {
  expect(routeOf('GET', 'https://gw.example/captain/v2/jobs/j%201?files_limit=3')).toEqual({
    kind: 'status',
    jobId: 'j 1',
    relative: '/v2/jobs/j%201?files_limit=3',
  });
  expect(routeOf('POST', 'http://h/v2/jobs/j1/cancel')).toMatchObject({ kind: 'cancel', jobId: 'j1' });
  expect(routeOf('DELETE', 'http://h/v2/jobs/j1')).toMatchObject({ kind: 'cancel', jobId: 'j1' });
  expect(routeOf('POST', 'http://h/v2/collections/c/query')).toMatchObject({ kind: 'query', collection: 'c', version: 'v2' });
  expect(routeOf('POST', 'http://h/v3/collections/c/query')).toMatchObject({ kind: 'query', version: 'v3' });
  expect(routeOf('PUT', 'http://h/v2/collections/c')).toMatchObject({ kind: 'captain' });
  expect(routeOf('GET', 'http://h/v2/jobs')).toMatchObject({ kind: 'captain' });
  expect(routeOf('GET', 'http://h/index.html')).toEqual({ kind: 'other' });
  expect(routeOf('GET', 'http://h/api/v2/jobsx/1')).toEqual({ kind: 'other' });
});
