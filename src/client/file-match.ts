// How a query result proves that a file of the job is indexed (docs: the spec's query operations):
// v2 - its filename equals the base name of the file's uri, or its uri or document_id matches;
// v3 - its document.source.uri equals the uri, or document.filename the base name, or document.id matches.
// A v3 result without `document` names no file: it is skipped, never matched by guesswork.
import { baseName } from '../model/file-name.js';
import type { QueryResponse, QueryResponseV3, QueryResultV3, SearchResult } from './api-types.js';

/** The file to look for in query results. */
export interface FileReference {
  /** The job's `files[].uri`, e.g. `s3://bucket/videos/intro.mp4`. */
  uri?: string;
  /** The file name results carry; defaults to the base name of `uri`. */
  filename?: string;
  documentId?: string;
}

/** One result of either query version: a v2 search result or a v3 result. */
export type QueryHit = SearchResult | QueryResultV3;

/** A file reference, a bare uri, or a predicate of your own over one result (of either version). */
export type FileMatcher = string | FileReference | ((result: QueryHit) => boolean);

export { baseName };

/** What a result says of its file, in either version's spelling. */
export function fileOfHit(result: QueryHit): { filename?: string; uri?: string; documentId?: string } {
  const flat = result as SearchResult;
  const doc = (result as QueryResultV3).document;
  const document = doc !== null && typeof doc === 'object' ? doc : undefined;
  const source = document?.source !== null && typeof document?.source === 'object' ? document.source : undefined;
  const str = (...values: unknown[]) => values.find((v): v is string => typeof v === 'string' && v !== '');
  const filename = str(flat.filename, document?.filename);
  const uri = str(flat.uri, source?.uri);
  const documentId = str(flat.document_id, document?.id);
  return { ...(filename ? { filename } : {}), ...(uri ? { uri } : {}), ...(documentId ? { documentId } : {}) };
}

/** A short name of the file a result names, for messages. */
export function hitLabel(result: QueryHit): string {
  const file = fileOfHit(result);
  return file.filename ?? file.uri ?? file.documentId ?? '(a result naming no file)';
}

export function matchesFile(result: QueryHit, matcher: FileMatcher): boolean {
  if (typeof matcher === 'function') return matcher(result);
  const ref: FileReference = typeof matcher === 'string' ? { uri: matcher } : matcher;
  const file = fileOfHit(result);
  const filename = ref.filename ?? (ref.uri !== undefined ? baseName(ref.uri) : undefined);
  if (filename !== undefined && filename !== '' && file.filename === filename) return true;
  if (ref.uri !== undefined && file.uri === ref.uri) return true;
  if (ref.documentId !== undefined && file.documentId === ref.documentId) return true;
  return false;
}

/** The results of an answer of either version: v2's search results and relevant documents, v3's results. */
export function hitsOf(response: QueryResponse | QueryResponseV3 | undefined): QueryHit[] {
  if (!response || typeof response !== 'object') return [];
  const v2 = response as QueryResponse;
  const v3 = response as QueryResponseV3;
  return [
    ...(Array.isArray(v3.results) ? v3.results : []),
    ...(Array.isArray(v2.search_results) ? v2.search_results : []),
    ...(Array.isArray(v2.relevant_documents) ? v2.relevant_documents : []),
  ].filter((result): result is QueryHit => typeof result === 'object' && result !== null);
}

/** The first result of a query answer (either version) that references the file. */
export function findMatch(response: QueryResponse | QueryResponseV3 | undefined, matcher: FileMatcher): QueryHit | undefined {
  return hitsOf(response).find((result) => matchesFile(result, matcher));
}
