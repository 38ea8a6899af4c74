// Broken on purpose: it takes the placeholder for a failure and gives up (JS-CLIENT-002).
import { poll } from './poller.mjs';
await poll({ stopOnPlaceholder: true });
