// Every request a conformance test makes carries `X-Conformance-Test: tests/conformance/<area>.spec.ts:<line>`:
// the API team finds the test behind a request in their logs, and a verdict test can aim a defect at one area.
// The worker fixtures' requests (the scratch collection's create and delete, the shared upload) carry
// `tests/conformance/support/fixtures.ts#<fixture>`; the preflight's (global setup, before any test) and the
// fault hook's (CONFORMANCE_CONTROL_URL, the simulator's /_sim/ or a deployment's) carry none (docs/configuration.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_HEADER = 'x-conformance-test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The test's spec file, relative to the repository and with forward slashes, and its line. */
export function testHeaderValue(file: string, line: number): string {
  return `${path.relative(repoRoot, file).split(path.sep).join('/')}:${line}`;
}

/** The area of the spec file a header value names (`auth` for `tests/conformance/auth.spec.ts:12`), if any. */
export function areaOf(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? undefined : /^tests\/conformance\/([a-z-]+)\.spec\.ts:\d+$/.exec(text)?.[1];
}
