// Which tests a `playwright test` command line selects, read from its arguments: a run of some tests only
// (--grep, a file filter, --shard) is partial, and `--list` runs nothing, so it must write no report.
// Playwright hands reporters no such flag (its config keeps the config file's grep, not the CLI's). Pure.

export interface Selection {
  /** `--list`: tests are listed, none runs. */
  list: boolean;
  /** What narrowed the run, as typed (`--grep=cancel`, `tests/conformance/rate.spec.ts`); empty for a whole run. */
  narrowedBy: string[];
}

/** Options of `playwright test` that take a value (the next argument, unless written `--name=value`). */
const WITH_VALUE = new Set([
  '-c',
  '--config',
  '--browser',
  '-g',
  '--grep',
  '--grep-invert',
  '--global-timeout',
  '-j',
  '--workers',
  '--max-failures',
  '--output',
  '--project',
  '--repeat-each',
  '--reporter',
  '--retries',
  '--shard',
  '--timeout',
  '--trace',
  '--tsconfig',
  '--update-source-method',
  '--test-list',
  '--test-list-invert',
  '--last-failed-file',
  '--ui-host',
  '--ui-port',
]);

/** Options that select tests; with a value (`--grep x`) or alone (`--last-failed`). */
const NARROWING = new Set([
  '-g',
  '--grep',
  '--grep-invert',
  '--shard',
  '--test-list',
  '--test-list-invert',
  '--last-failed',
  '--only-changed',
]);

/** `-u`/`--update-snapshots` takes one of these, optionally. */
const SNAPSHOT_MODES = new Set(['all', 'changed', 'missing', 'none']);

/** The selection of a command line (`process.argv`); anything but `playwright test` selects everything. */
export function selectionOf(argv: readonly string[]): Selection {
  const at = argv.indexOf('test');
  const selection: Selection = { list: false, narrowedBy: [] };
  if (at === -1) return selection;
  const args = argv.slice(at + 1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      selection.narrowedBy.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-')) {
      selection.narrowedBy.push(arg); // a file or line filter
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--list') selection.list = true;
    if (SNAPSHOT_MODES.has(args[i + 1] ?? '') && (name === '-u' || name === '--update-snapshots') && inline === undefined) i++;
    const value = inline === undefined && WITH_VALUE.has(name) ? args[++i] : inline;
    if (NARROWING.has(name)) selection.narrowedBy.push(value === undefined ? name : `${name}=${value}`);
  }
  return selection;
}
