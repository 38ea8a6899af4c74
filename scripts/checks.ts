// `npm run checks`: the static checks `npm test` runs before its tests (typecheck, spec lint, workflow
// lint, format check), side by side: they are independent, and on 2 cores that saves most of their time.
// Each one's output is printed whole when it ends; the exit code is non-zero when any failed.
import { spawn } from 'node:child_process';

const CHECKS = ['typecheck', 'lint:spec', 'lint:workflow', 'format:check'] as const;

function run(script: string): Promise<{ script: string; code: number; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = (code: number) => resolve({ script, code, output, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => {
      output += `${error.message}\n`;
      done(1);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

const results = await Promise.all(CHECKS.map((script) => run(script).then(report)));

function report(result: Awaited<ReturnType<typeof run>>) {
  const mark = result.code === 0 ? 'ok' : `FAILED (exit ${result.code})`;
  process.stdout.write(`── npm run ${result.script}: ${mark} in ${result.seconds.toFixed(1)} s\n${result.code === 0 ? '' : result.output}`);
  return result;
}

process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
