// The requirement catalog (spec/requirements.yaml), read once per process when first asked for (never on
// import: a client that imports the package reads no file), and each requirement's level in a profile.
// The profile is always the caller's: the run's edges (the conformance support, the reporter, `watch`)
// know it; nothing here reads the settings.
import { fileURLToPath } from 'node:url';
import { readYamlFile } from './yaml-file.js';
import type { Level, Profile } from './profile.js';

export { PROFILES, type Level, type Profile } from './profile.js';
export type Evidence = 'documented' | 'vendor-client' | 'inferred';

export interface Requirement {
  id: string;
  area: string;
  /** Level in the default profile. */
  level: Level;
  /** Level in the strict profile, when it differs. */
  strict_level?: Level;
  evidence: Evidence;
  title: string;
  statement: string;
  source: string;
  /** Keys of the catalog's `sources`: the vendor pages and code `source` quotes, as links. */
  links?: string[];
  /** Oracle checks that judge it; absent when a conformance test judges it (`judged_by`). */
  oracle?: string[];
  judged_by?: 'conformance' | 'client-check';
}

export interface Area {
  id: string;
  prefix: string;
  title: string;
}

export interface SpecIssue {
  id: string;
  title: string;
  detail: string;
  decision: string;
}

/** A page or file of the vendor's (or a standard) that requirements cite. */
export interface SourceLink {
  title: string;
  url: string;
}

export interface Catalog {
  schemaVersion: number;
  /** Every source a requirement links to, by key. */
  sources?: Record<string, SourceLink>;
  profiles: Record<Profile, string>;
  areas: Area[];
  requirements: Requirement[];
  spec_issues: SpecIssue[];
  /** What a client of the endpoint must do: judged by npm run client-check, never listed in the suite's report. */
  client_area?: Area;
  client_requirements?: Requirement[];
}

export const CATALOG_PATH = fileURLToPath(new URL('../../spec/requirements.yaml', import.meta.url));

let loaded: { catalog: Catalog; byId: Map<string, Requirement> } | undefined;

function load(): { catalog: Catalog; byId: Map<string, Requirement> } {
  if (!loaded) {
    const read = readYamlFile(CATALOG_PATH) as Catalog;
    loaded = { catalog: read, byId: new Map([...read.requirements, ...(read.client_requirements ?? [])].map((r) => [r.id, r])) };
  }
  return loaded;
}

/** The catalog, read on the first call. */
export function catalog(): Catalog {
  return load().catalog;
}

/** The links of a requirement, resolved; a key the catalog lacks is left out (the catalog test names it). */
export function linksOf(r: Pick<Requirement, 'links'>, from: Catalog = catalog()): SourceLink[] {
  return (r.links ?? []).flatMap((key) => {
    const link = from.sources?.[key];
    return link ? [link] : [];
  });
}

export function requirement(id: string): Requirement {
  const found = load().byId.get(id);
  if (!found) throw new Error(`unknown requirement id ${id} (not in spec/requirements.yaml)`);
  return found;
}

export function levelIn(r: Pick<Requirement, 'level' | 'strict_level'>, profile: Profile): Level {
  return profile === 'strict' ? (r.strict_level ?? r.level) : r.level;
}

/** The level of a catalogued requirement in `profile`. */
export function levelOf(id: string, profile: Profile): Level {
  return levelIn(requirement(id), profile);
}

/** Findings (anything naming a catalogued requirement) at the levels `profile` gives their requirements. */
export function levelled<F extends { requirement: string }>(findings: readonly F[], profile: Profile): Array<F & { level: Level }> {
  return findings.map((f) => ({ ...f, level: levelOf(f.requirement, profile) }));
}
