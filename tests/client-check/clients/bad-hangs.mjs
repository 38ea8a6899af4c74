// Bad input on purpose: it asks once, then never exits (and ignores SIGTERM), until the check stops it.
process.on('SIGTERM', () => {});
await fetch(`${process.env.CAPTAIN_BASE_URL}/v2/jobs/${process.env.CAPTAIN_JOB_ID}`, {
  headers: { authorization: `Bearer ${process.env.CAPTAIN_API_KEY}`, 'x-organization-id': process.env.CAPTAIN_ORG_ID },
});
setInterval(() => {}, 1000);
