// The client requirements of the catalog (spec/requirements.yaml, client_requirements) by what they judge.
import { catalog, levelIn, type Level, type Profile, type Requirement } from '../contract/catalog.js';

export const CLIENT = {
  conclusion: 'JS-CLIENT-001',
  placeholder: 'JS-CLIENT-002',
  retryAfter: 'JS-CLIENT-003',
  backoff: 'JS-CLIENT-004',
  busy: 'JS-CLIENT-005',
  stops: 'JS-CLIENT-006',
  media: 'JS-CLIENT-007',
  pages: 'JS-CLIENT-008',
  credentials: 'JS-CLIENT-009',
  unknownJob: 'JS-CLIENT-010',
  bounded: 'JS-CLIENT-011',
} as const;

export type ClientRequirementId = (typeof CLIENT)[keyof typeof CLIENT];

export const CLIENT_REQUIREMENT_IDS: readonly ClientRequirementId[] = Object.values(CLIENT);

export function clientRequirements(): Requirement[] {
  return catalog().client_requirements ?? [];
}

export function clientRequirement(id: string): Requirement {
  const found = clientRequirements().find((r) => r.id === id);
  if (!found) throw new Error(`unknown client requirement ${id} (not in spec/requirements.yaml client_requirements)`);
  return found;
}

export function clientLevel(id: string, profile: Profile): Level {
  return levelIn(clientRequirement(id), profile);
}
