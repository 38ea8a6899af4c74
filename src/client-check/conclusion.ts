// What the client concluded: the last line of its standard output, one JSON object, `{"status": ...}` or
// `{"indexed": true}` (docs/client-check.md). Anything else is named, never guessed at.
import { clip } from '../contract/clip.js';

export type Conclusion =
  | { kind: 'status'; status: string }
  | { kind: 'indexed' }
  | { kind: 'none'; cause: 'no-output' | 'not-json' | 'no-conclusion'; lastLine?: string };

const shown = (line: string) => clip(line, 120, 'ellipsis');

export function conclusionOf(stdout: string): Conclusion {
  const lines = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const last = lines.at(-1);
  if (last === undefined) return { kind: 'none', cause: 'no-output' };
  let value: unknown;
  try {
    value = JSON.parse(last);
  } catch {
    return { kind: 'none', cause: 'not-json', lastLine: shown(last) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'none', cause: 'not-json', lastLine: shown(last) };
  const object = value as Record<string, unknown>;
  if (object.indexed === true) return { kind: 'indexed' };
  if (typeof object.status === 'string' && object.status !== '') return { kind: 'status', status: object.status };
  return { kind: 'none', cause: 'no-conclusion', lastLine: shown(last) };
}

export function describeConclusion(conclusion: Conclusion): string {
  switch (conclusion.kind) {
    case 'status':
      return `{"status": "${conclusion.status}"}`;
    case 'indexed':
      return '{"indexed": true}';
    case 'none':
      return conclusion.cause === 'no-output'
        ? 'nothing on standard output'
        : conclusion.cause === 'not-json'
          ? `a last line that is no JSON object: ${JSON.stringify(conclusion.lastLine)}`
          : `a JSON line with neither "status" nor "indexed": true: ${conclusion.lastLine}`;
  }
}
