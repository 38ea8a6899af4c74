// The spec's YAML files, parsed through a cache of their JSON keyed by content: parsing the OpenAPI file
// costs about 0.4 s of CPU, reading its JSON about 1 ms, and every Playwright worker, runner and CLI
// process reads it. Any trouble with the cache (read-only, raced, corrupt) falls back to parsing.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/** One folder per user: the cache decides what the suite checks, so nobody else may write it. */
export const SPEC_CACHE_DIR = path.join(tmpdir(), `captain-conformance-spec-cache-${process.getuid?.() ?? 'user'}`);

/** The folder is ours and only we can write it; otherwise the cache is not used at all. */
function trusted(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    const ownedByUs = process.getuid === undefined || stat.uid === process.getuid();
    return stat.isDirectory() && ownedByUs && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

export function readYamlFile(file: string, cacheDir: string = SPEC_CACHE_DIR): unknown {
  const text = readFileSync(file, 'utf8');
  if (!trusted(cacheDir)) return parse(text);
  const cached = path.join(cacheDir, `${path.basename(file)}-${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as unknown;
  } catch {
    // not cached yet (or unreadable): parse, then cache for the next process
  }
  const parsed: unknown = parse(text);
  try {
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(parsed), { mode: 0o600 });
    renameSync(partial, cached); // atomic: a reader sees the whole file or none
  } catch {
    // no cache this time; the parse stands
  }
  return parsed;
}
