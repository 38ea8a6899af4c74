// Broken on purpose: it drops the X-Organization-ID header (JS-CLIENT-009).
import { poll } from './poller.mjs';
await poll({ noOrganization: true });
