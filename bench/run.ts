// `npm run bench`: runs every bench/*.bench.ts in turn. Each module's default export runs its
// measurements side by side in this one process and returns lines for the summary.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export type Bench = () => Promise<string[]>;

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.includes(only))
  .sort();

const summary: string[] = [];
for (const file of files) {
  const bench = (await import(pathToFileURL(join(dir, file)).href)).default as Bench;
  const started = performance.now();
  console.log(`\n# ${file}`);
  const lines = await bench();
  for (const line of lines) console.log(`  ${line}`);
  summary.push(`${file}: ${lines.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
console.log(`\n${summary.join('\n')}`);
