// A small, correct client of the contract (docs/client-check.md) with one knob per client requirement, so
// that each deliberately broken client in this folder breaks exactly one thing: `breaks` names it.
const env = process.env;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TERMINAL = ['completed', 'completed_with_failures', 'failed', 'cancelled', 'completed_with_errors', 'timed_out'];
const PLACEHOLDER_KEYS = ['job_id', 'status', 'progress', 'progress_message', 'estimated_time_remaining_seconds'];

/** Retry-After in ms: delay-seconds or an HTTP date. */
function retryAfterMs(value) {
  if (value === null) return 1000;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - Date.now());
}

function isPlaceholder(body) {
  return (
    Object.entries(body).every(([key, value]) => PLACEHOLDER_KEYS.includes(key) || value === null) &&
    body.progress === null &&
    !body.created_at
  );
}

export async function poll(breaks = {}) {
  const terminal = breaks.terminal ?? TERMINAL;
  const headers = {
    authorization: `Bearer ${env.CAPTAIN_API_KEY}`,
    ...(breaks.noOrganization ? {} : { 'x-organization-id': env.CAPTAIN_ORG_ID }),
  };
  const jobUrl = `${env.CAPTAIN_BASE_URL}/v2/jobs/${encodeURIComponent(env.CAPTAIN_JOB_ID)}`;
  const get = (query = '') => fetch(`${jobUrl}${query}`, { headers });
  let errors = 0;
  for (let polls = 0; polls < (breaks.maxPolls ?? 200); polls++) {
    const res = await get();
    if (res.status === 429) {
      await sleep(breaks.ignoreRetryAfter ? 100 : retryAfterMs(res.headers.get('retry-after')));
      continue;
    }
    if (res.status >= 500) {
      errors += 1;
      await sleep(breaks.noBackoff ? 0 : 250 * 2 ** errors);
      continue;
    }
    errors = 0;
    if (res.status === 404 && !breaks.pollOn404) {
      console.error('job not found');
      process.exit(1);
    }
    if (res.status !== 200) {
      await sleep(1000);
      continue;
    }
    const body = await res.json();
    if (isPlaceholder(body)) {
      if (breaks.stopOnPlaceholder) {
        console.error('the job status is unknown: giving up');
        process.exit(1);
      }
      await sleep(1000);
      continue;
    }
    if (terminal.includes(body.status)) {
      for (let i = 0; i < (breaks.pollsAfterEnd ?? 0); i++) await get().then((r) => r.arrayBuffer());
      if (!breaks.noPages) await walk(get, body.files_page?.next_cursor, breaks.pagesTwice);
      if (breaks.garbage) console.log('DONE! the job is finished :-)');
      else if (!breaks.silent) console.log(JSON.stringify({ status: body.status }));
      process.exit(0);
    }
    if (env.CAPTAIN_MEDIA_QUERY && !breaks.noMediaFallback && body.status !== 'pending') {
      if ((await query(headers)).length > 0) {
        console.log(JSON.stringify({ indexed: true }));
        process.exit(0);
      }
    }
    if (breaks.queryEveryPoll) await query(headers).catch(() => null);
    await sleep(breaks.intervalMs ?? 1000);
  }
  console.error('gave up after too many polls');
  process.exit(1);
}

/** The query endpoint's results: v3 first, the legacy v2 where v3 is not served. */
async function query(headers) {
  const ask = (version, body) =>
    fetch(`${env.CAPTAIN_BASE_URL}/${version}/collections/${encodeURIComponent(env.CAPTAIN_COLLECTION)}/query`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: env.CAPTAIN_MEDIA_QUERY ?? 'handbook', rerank: true, ...body }),
    });
  let q = await ask('v3', { limit: 5 });
  if (q.status === 404 || q.status === 405) q = await ask('v2', { top_k: 5 });
  const found = q.ok ? await q.json() : {};
  return [...(found.results ?? []), ...(found.search_results ?? [])];
}

async function walk(get, cursor, twice) {
  while (cursor) {
    const res = await get(`?files_cursor=${encodeURIComponent(cursor)}`);
    if (twice) await get(`?files_cursor=${encodeURIComponent(cursor)}`).then((r) => r.arrayBuffer());
    if (!res.ok) return;
    cursor = (await res.json()).files_page?.next_cursor;
  }
}
