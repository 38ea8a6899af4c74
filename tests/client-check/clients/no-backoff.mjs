// Broken on purpose: it retries a 5xx at once (JS-CLIENT-004).
import { poll } from './poller.mjs';
await poll({ noBackoff: true });
