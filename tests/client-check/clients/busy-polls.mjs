// Broken on purpose: it polls with no pause at all (JS-CLIENT-005).
import { poll } from './poller.mjs';
await poll({ intervalMs: 0, maxPolls: 1e9 });
