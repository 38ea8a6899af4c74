// Bad input on purpose: it waits correctly, then prints a line that is no JSON.
import { poll } from './poller.mjs';
await poll({ garbage: true });
