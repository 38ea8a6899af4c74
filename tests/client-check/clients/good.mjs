// Broken on purpose: nothing (the knobs at their defaults): it passes every scenario.
import { poll } from './poller.mjs';
await poll({});
