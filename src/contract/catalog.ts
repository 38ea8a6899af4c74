// The requirement catalog (spec/requirements.yaml), read once per process, and the profile that
// decides each requirement's level (CONFORMANCE_PROFILE: default, or strict for the vendor's own team).
import { fileURLToPath } from 'node:url';
import { readYamlFile } from './yaml-file.js';
import { settings } from '../settings/settings.js';
import type { Profile } from './profile.js';

export { PROFILES, type Profile } from './profile.js';

export type Level = 'MUST' | 'SHOULD';
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

export const catalog: Catalog = readYamlFile(CATALOG_PATH) as Catalog;

const byId = new Map([...catalog.requirements, ...(catalog.client_requirements ?? [])].map((r) => [r.id, r]));

/** The links of a requirement, resolved; a key the catalog lacks is left out (the catalog test names it). */
export function linksOf(r: Pick<Requirement, 'links'>, from: Catalog = catalog): SourceLink[] {
  return (r.links ?? []).flatMap((key) => {
    const link = from.sources?.[key];
    return link ? [link] : [];
  });
}

export function requirement(id: string): Requirement {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown requirement id ${id} (not in spec/requirements.yaml)`);
  return found;
}

export function levelIn(r: Pick<Requirement, 'level' | 'strict_level'>, profile: Profile): Level {
  return profile === 'strict' ? (r.strict_level ?? r.level) : r.level;
}

/** The level of a requirement in this run's profile (CONFORMANCE_PROFILE, read when first needed, never on import). */
export function levelOf(id: string, profile: Profile = settings().profile): Level {
  return levelIn(requirement(id), profile);
}
