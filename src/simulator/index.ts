// The reference simulator: start it with startSimulator, drive it through its handle or /_sim/.
export {
  startSimulator,
  DEFAULT_SEED,
  DEFAULT_OTHER_API_KEY,
  DEFAULT_OTHER_ORG_ID,
  type SimulatorOptions,
  type SimulatorHandle,
} from './server.js';
export { DEFAULT_API_KEY, DEFAULT_ORG_ID, type Tenant } from './auth.js';
export { SimulatorClock, SUITE_TIME_SCALE, type ClockState } from './clock.js';
export { DEFAULT_TIMING, type JobTiming } from './job-factory.js';
export { PLACEHOLDER_MESSAGE, placeholderFor } from './faults.js';
export { DIALECT_NAMES, VENDOR_VARIATIONS, isDialectName, type DialectName, type VariationId, type Variation } from './dialect.js';
