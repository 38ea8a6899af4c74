// Which query endpoint proves content searchable: v3, which the vendor tells new applications to use,
// and the legacy v2 where v3 is not served (captain-api.md section 4). `auto` asks v3 first; a caller
// who knows the deployment pins one.

export const QUERY_VERSIONS = ['v3', 'v2'] as const;
export type QueryVersion = (typeof QUERY_VERSIONS)[number];

export const QUERY_VERSION_CHOICES = ['auto', ...QUERY_VERSIONS] as const;
export type QueryVersionChoice = (typeof QUERY_VERSION_CHOICES)[number];

/** The version asked first. */
export function firstQueryVersion(choice: QueryVersionChoice): QueryVersion {
  return choice === 'v2' ? 'v2' : 'v3';
}

/** The path of a collection's query endpoint in that version. */
export function queryPath(version: QueryVersion, collection: string): string {
  return `/${version}/collections/${encodeURIComponent(collection)}/query`;
}
