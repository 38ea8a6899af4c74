// npm run report:summary -- <results.json> [--report-url <url>] [--history-url <url>] [--exit-code]
// prints the run's verdict table as Markdown (CI appends it to $GITHUB_STEP_SUMMARY). With --exit-code
// it then exits with the run's own exit code (results.json v2 records it; for v1 it follows the verdict),
// so a job that merged shards fails exactly when the run would have. 2 on a usage error or unusable input.
import { readFileSync } from 'node:fs';
import { renderSummaryMarkdown, type SummaryOptions } from '../report/summary-markdown.js';
import { readRunSummary } from '../report/summary-model.js';

const USAGE = 'usage: report-summary <results.json> [--report-url <url>] [--history-url <url>] [--exit-code]\n';

function main(argv: string[]): number {
  const options: SummaryOptions = {};
  let file: string | undefined;
  let exitCode = false;
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg === '--exit-code') exitCode = true;
    else if ((arg === '--report-url' || arg === '--history-url') && args[i + 1] !== undefined) {
      const value = args[++i] as string;
      if (value !== '') options[arg === '--report-url' ? 'reportUrl' : 'historyUrl'] = value;
    } else if (!arg.startsWith('--') && file === undefined) file = arg;
    else {
      process.stderr.write(USAGE);
      return 2;
    }
  }
  if (file === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  let run;
  try {
    run = readRunSummary(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  } catch (error) {
    process.stderr.write(`report-summary: ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  process.stdout.write(renderSummaryMarkdown(run, options));
  return exitCode ? run.exitCode : 0;
}

process.exitCode = main(process.argv.slice(2));
