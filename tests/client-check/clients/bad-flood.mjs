// Bad input on purpose: twenty loops polling with no pause, thousands of requests a second, until the job ends.
const url = `${process.env.CAPTAIN_BASE_URL}/v2/jobs/${process.env.CAPTAIN_JOB_ID}`;
const headers = { authorization: `Bearer ${process.env.CAPTAIN_API_KEY}`, 'x-organization-id': process.env.CAPTAIN_ORG_ID };
const TERMINAL = ['completed', 'completed_with_failures', 'failed', 'cancelled', 'completed_with_errors', 'timed_out'];
let status;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    while (!TERMINAL.includes(status)) {
      const body = await fetch(url, { headers }).then(
        (r) => r.json(),
        () => ({}),
      );
      if (body.created_at) status = body.status;
    }
  }),
);
console.log(JSON.stringify({ status }));
