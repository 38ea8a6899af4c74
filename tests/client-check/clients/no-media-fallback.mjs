// Broken on purpose: it never asks the query endpoint, so a media job waits for its lagging status (JS-CLIENT-007).
import { poll } from './poller.mjs';
await poll({ noMediaFallback: true });
