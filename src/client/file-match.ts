// How a query result proves that a file of the job is indexed (DESIGN.md section 4, "Media"):
// its filename equals the base name of the file's uri, or its uri or document_id matches.
import { baseName } from '../model/file-name.js';
import type { QueryResponse, SearchResult } from './api-types.js';

/** The file to look for in query results. */
export interface FileReference {
  /** The job's `files[].uri`, e.g. `s3://bucket/videos/intro.mp4`. */
  uri?: string;
  /** The file name results carry; defaults to the base name of `uri`. */
  filename?: string;
  documentId?: string;
}

/** A file reference, a bare uri, or a predicate of your own over one result. */
export type FileMatcher = string | FileReference | ((result: SearchResult) => boolean);

export { baseName };

export function matchesFile(result: SearchResult, matcher: FileMatcher): boolean {
  if (typeof matcher === 'function') return matcher(result);
  const ref: FileReference = typeof matcher === 'string' ? { uri: matcher } : matcher;
  const filename = ref.filename ?? (ref.uri !== undefined ? baseName(ref.uri) : undefined);
  if (filename !== undefined && filename !== '' && result.filename === filename) return true;
  if (ref.uri !== undefined && result.uri === ref.uri) return true;
  if (ref.documentId !== undefined && result.document_id === ref.documentId) return true;
  return false;
}

/** The first result of a query response that references the file, from search results or relevant documents. */
export function findMatch(response: QueryResponse | undefined, matcher: FileMatcher): SearchResult | undefined {
  if (!response || typeof response !== 'object') return undefined;
  const results: SearchResult[] = [
    ...(Array.isArray(response.search_results) ? response.search_results : []),
    ...(Array.isArray(response.relevant_documents) ? response.relevant_documents : []),
  ];
  return results.find((result) => typeof result === 'object' && result !== null && matchesFile(result, matcher));
}
