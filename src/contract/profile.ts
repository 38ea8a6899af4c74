// The profiles a run judges in: `default` (what the vendor documents) or `strict` (our readings too), and
// the levels a profile gives requirements. A leaf, so that the settings can accept a profile without
// importing the catalog.

export const PROFILES = ['default', 'strict'] as const;
export type Profile = (typeof PROFILES)[number];

/** How binding a requirement is in a profile: a MUST finding fails the run, a SHOULD one warns. */
export type Level = 'MUST' | 'SHOULD';
