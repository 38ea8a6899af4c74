// The query endpoint's answer from what has been indexed: one search result per searchable
// file, ranked by how many query words its name and content share, like a vector search that
// always returns its nearest top_k. Results name their source (filename, uri, document_id).
import type { FileScenario } from '../model/scenario.js';
import { baseName } from '../model/file-name.js';
import { hash32 } from './random.js';

export interface IndexedDocument {
  file: FileScenario;
  content: string;
  jobId: string;
}

export interface SearchResult {
  score: number;
  content: string;
  document_id: string;
  filename: string;
  uri: string;
  chunk_index: number;
  metadata: Record<string, unknown>;
}

export function documentIdFor(collectionId: string, uri: string): string {
  return `doc_${hash32(`${collectionId}|${uri}`).toString(16).padStart(8, '0')}${hash32(uri).toString(16).padStart(8, '0')}`;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** Score in (0, 1]: the share of query words found, lifted off zero so every document ranks. */
export function scoreOf(query: string, document: IndexedDocument): number {
  const wanted = words(query);
  if (wanted.length === 0) return 0.1;
  const have = new Set(words(`${document.file.uri} ${document.content}`));
  const hits = wanted.filter((w) => have.has(w)).length;
  return Math.round((0.1 + (0.9 * hits) / wanted.length) * 1000) / 1000;
}

export function search(query: string, documents: IndexedDocument[], collectionId: string, topK: number): SearchResult[] {
  return documents
    .map((document) => ({ document, score: scoreOf(query, document) }))
    .sort((a, b) => b.score - a.score || a.document.file.uri.localeCompare(b.document.file.uri))
    .slice(0, topK)
    .map(({ document, score }) => ({
      score,
      content: document.content,
      document_id: documentIdFor(collectionId, document.file.uri),
      filename: baseName(document.file.uri),
      uri: document.file.uri,
      chunk_index: 0,
      metadata: { modality: document.file.media ? modalityOf(document.file.uri) : 'text', job_id: document.jobId },
    }));
}

function modalityOf(uri: string): string {
  return /\.(mp3|wav|aac|flac|m4a|ogg|wma)$/i.test(uri) ? 'audio' : 'video';
}

/** What a file's chunk says when no text was given (media and remote files). */
export function defaultContent(file: FileScenario): string {
  const name = baseName(file.uri);
  return file.media ? `[${modalityOf(file.uri) === 'audio' ? 'Audio' : 'Video'}: ${name}]` : `Content of ${name}`;
}
