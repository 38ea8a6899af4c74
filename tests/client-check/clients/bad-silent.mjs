// Bad input on purpose: it waits correctly, then prints nothing.
import { poll } from './poller.mjs';
await poll({ silent: true });
