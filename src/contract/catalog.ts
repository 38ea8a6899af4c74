// The requirement catalog (spec/requirements.yaml), read once per process.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type Level = 'MUST' | 'SHOULD';

export interface Requirement {
  id: string;
  area: string;
  level: Level;
  title: string;
  statement: string;
  source: string;
  /** Oracle checks that judge it; absent when a conformance test judges it (`judged_by`). */
  oracle?: string[];
  judged_by?: 'conformance';
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

export interface Catalog {
  schemaVersion: number;
  profile: string;
  areas: Area[];
  requirements: Requirement[];
  spec_issues: SpecIssue[];
}

export const CATALOG_PATH = fileURLToPath(new URL('../../spec/requirements.yaml', import.meta.url));

export const catalog: Catalog = parse(readFileSync(CATALOG_PATH, 'utf8')) as Catalog;

const byId = new Map(catalog.requirements.map((r) => [r.id, r]));

export function requirement(id: string): Requirement {
  const found = byId.get(id);
  if (!found) throw new Error(`unknown requirement id ${id} (not in spec/requirements.yaml)`);
  return found;
}

export function levelOf(id: string): Level {
  return requirement(id).level;
}
