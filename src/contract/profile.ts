// The profiles a run judges in: `default` (what the vendor documents) or `strict` (our readings too).
// A leaf, so that the settings can accept a profile without importing the catalog that depends on them.

export const PROFILES = ['default', 'strict'] as const;
export type Profile = (typeof PROFILES)[number];
