// One client-check scenario: a job the simulator plays at real time, the faults the client meets on the
// wire, and what the client is told (docs/client-check.md). Plain data: the catalog builds them, the
// runner plays them, the judge reads them beside what the simulator received.
import type { Scenario } from '../model/scenario.js';
import type { WireFault } from '../model/wire-fault.js';

export interface ClientScenario {
  /** kebab-case, what `--only` selects. */
  name: string;
  /** One line: what the client meets. */
  title: string;
  /** `plain`, or `vendor-variant`: every lawful variation at once. */
  dialect: 'plain' | 'vendor-variant';
  /** The job, or null for an id the simulator never issued. */
  job: Scenario | null;
  faults: WireFault[];
  /** Words spoken in the media file (CAPTAIN_MEDIA_QUERY); set on media scenarios only. */
  mediaQuery?: string;
  /** A media job must be concluded this many seconds after its content is searchable. */
  mediaBudgetS?: number;
  /** false: the deployment no longer serves the legacy v2 query, only v3 (default true). */
  v2Query?: boolean;
  /** The seed a generated scenario was drawn from (replay with --seed). */
  seed?: number;
}
