// Broken on purpose: it knows only the seed's five statuses, so completed_with_failures and the vendor's final statuses never end its wait (JS-CLIENT-001).
import { poll } from './poller.mjs';
await poll({ terminal: ['completed', 'failed', 'cancelled'], maxPolls: 20 });
