#!/usr/bin/env node
// The reference poller as a client-check client (docs/client-check.md): a thin script over the package's
// pollJob. It reads the contract's environment, waits for the job (placeholders, Retry-After, back-off,
// the media fallback through the query endpoint), walks the finished job's file pages from the cursor
// its last answer gave, and prints one JSON line: {"status": ...} or {"indexed": true}; it exits 1 when
// it gives up.
//
//   npm run client-check -- node examples/clients/reference.mjs
const { CaptainClient, pollJob } = await loadPackage();
const env = process.env;

const client = new CaptainClient({ baseUrl: env.CAPTAIN_BASE_URL, apiKey: env.CAPTAIN_API_KEY, organizationId: env.CAPTAIN_ORG_ID });
const media = env.CAPTAIN_MEDIA_QUERY;
const result = await pollJob(client, env.CAPTAIN_JOB_ID, {
  deadlineMs: 10 * 60_000,
  // Jitter seeded from the job: each job's retries spread differently, and a check replays.
  seed: [...env.CAPTAIN_JOB_ID].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261),
  // The collection holds this job's content only, so any result for the words proves it indexed.
  ...(media ? { fallback: { collection: env.CAPTAIN_COLLECTION, query: media, match: () => true } } : {}),
});

if (result.outcome === 'terminal') {
  // The terminal answer is the first page of files; follow its cursor to the last one.
  let cursor = result.snapshot.files_page?.next_cursor;
  let files = result.snapshot.files?.length ?? 0;
  while (cursor) {
    const page = await client.getJob(env.CAPTAIN_JOB_ID, { filesCursor: cursor });
    if (!page.ok) break;
    files += page.json?.files?.length ?? 0;
    cursor = page.json?.files_page?.next_cursor;
  }
  console.error(`job ${result.status} after ${result.requests} requests; ${files} files listed`);
  console.log(JSON.stringify({ status: result.status }));
} else if (result.outcome === 'indexed-via-query') {
  console.log(JSON.stringify({ indexed: true }));
} else {
  console.error(result.message);
  process.exit(1);
}

/** The built package when there is one (npm run build), else its sources through tsx. */
async function loadPackage() {
  try {
    return await import('captain-job-status-conformance');
  } catch {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport('../../src/index.ts', import.meta.url);
  }
}
