// Run in a child process by package-import.spec.ts: records every call into node:fs (and fs/promises)
// that happens while importing the module named on the command line, then prints them as JSON.
// `--then-read-catalog` also reads the catalog afterwards: the control that shows the probe sees reads.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const touched: string[] = [];
const record = (name: string, first: unknown) => touched.push(`${name} ${first instanceof URL ? first.href : String(first)}`);
const calls = fs as unknown as Record<string, unknown>;
for (const name of Object.keys(fs)) {
  const original = calls[name];
  if (typeof original !== 'function' || /^[A-Z]/.test(name)) continue;
  calls[name] = function (this: unknown, ...args: unknown[]) {
    record(name, args[0]);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}
const promised = fs.promises as unknown as Record<string, unknown>;
for (const name of Object.keys(fs.promises)) {
  const original = promised[name];
  if (typeof original !== 'function') continue;
  promised[name] = function (this: unknown, ...args: unknown[]) {
    record(`promises.${name}`, args[0]);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}
syncBuiltinESMExports();

const [entry, then] = process.argv.slice(2);
const module = (await import(entry!)) as Record<string, unknown>;
if (then === '--then-read-catalog') (module.catalog as () => unknown)();
process.stdout.write(`${JSON.stringify({ exports: Object.keys(module).sort(), touched })}\n`);
