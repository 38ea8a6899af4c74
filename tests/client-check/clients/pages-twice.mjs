// Broken on purpose: it asks for every file page twice (JS-CLIENT-008).
import { poll } from './poller.mjs';
await poll({ pagesTwice: true });
