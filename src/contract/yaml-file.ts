// The spec's YAML files, parsed through a cache of their JSON keyed by content: parsing the OpenAPI file
// costs about 0.4 s of CPU, reading its JSON about 1 ms, and every Playwright worker, runner and CLI
// process reads it. Any trouble with the cache (read-only, raced, corrupt) falls back to parsing.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const CACHE_DIR = path.join(tmpdir(), 'captain-conformance-spec-cache');

export function readYamlFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  const cached = path.join(CACHE_DIR, `${path.basename(file)}-${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as unknown;
  } catch {
    // not cached yet (or unreadable): parse, then cache for the next process
  }
  const parsed: unknown = parse(text);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(parsed));
    renameSync(partial, cached); // atomic: a reader sees the whole file or none
  } catch {
    // no cache this time; the parse stands
  }
  return parsed;
}
