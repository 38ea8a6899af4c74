// Broken on purpose: it polls three more times after the terminal answer (JS-CLIENT-006).
import { poll } from './poller.mjs';
await poll({ pollsAfterEnd: 3 });
