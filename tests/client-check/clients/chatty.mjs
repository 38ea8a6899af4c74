// Broken on purpose: it polls every 250 ms and queries the collection each time: not busy, but far more requests than the reference poller (JS-CLIENT-011).
import { poll } from './poller.mjs';
await poll({ intervalMs: 250, queryEveryPoll: true });
