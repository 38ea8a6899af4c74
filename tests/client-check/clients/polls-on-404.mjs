// Broken on purpose: it polls on when the job is not found (JS-CLIENT-010).
import { poll } from './poller.mjs';
await poll({ pollOn404: true, maxPolls: 1e9 });
