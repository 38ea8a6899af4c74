// Broken on purpose: it retries a 429 after 100 ms whatever Retry-After says (JS-CLIENT-003).
import { poll } from './poller.mjs';
await poll({ ignoreRetryAfter: true });
