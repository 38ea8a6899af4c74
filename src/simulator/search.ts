// The query endpoint's search: lexical BM25 over the documents indexed in one collection. A
// document that shares no word with the query is left out, so a test that finds a file proves
// its content was indexed, not merely that the collection is non-empty.
import type { FileScenario } from '../model/scenario.js';
import { baseName } from '../model/file-name.js';
import { hash32 } from './random.js';
import { fileNameWords, tokenize } from './tokenize.js';

export interface IndexedDocument {
  file: FileScenario;
  /** What a result shows as `content` (for media, a label such as `[Video: keynote.mp4]`). */
  content: string;
  /** What the search matches: the text, or a media file's transcript. */
  text: string;
  jobId: string;
}

export interface SearchResult {
  score: number;
  content: string;
  document_id: string;
  filename: string;
  uri: string;
  chunk_index: number;
  rerank_score?: number;
  metadata: Record<string, unknown>;
}

// Okapi BM25's usual constants.
const K1 = 1.2;
const B = 0.75;

export function documentIdFor(collectionId: string, uri: string): string {
  return `doc_${hash32(`${collectionId}|${uri}`).toString(16).padStart(8, '0')}${hash32(uri).toString(16).padStart(8, '0')}`;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The words a document is found by: its file name's and its text's. */
function termsOf(document: IndexedDocument): string[] {
  return tokenize(`${fileNameWords(baseName(document.file.uri))} ${document.text}`);
}

interface Scored {
  document: IndexedDocument;
  score: number;
  /** Share of the distinct query words the document contains. */
  coverage: number;
}

/** BM25 scores of the documents that contain at least one query word. */
export function score(query: string, documents: readonly IndexedDocument[]): Scored[] {
  const wanted = [...new Set(tokenize(query))];
  if (wanted.length === 0) return [];
  const termLists = documents.map(termsOf);
  const meanLength = termLists.reduce((n, t) => n + t.length, 0) / Math.max(1, termLists.length);
  const containing = new Map(wanted.map((w) => [w, termLists.filter((t) => t.includes(w)).length]));
  const scored: Scored[] = [];
  documents.forEach((document, i) => {
    const terms = termLists[i]!;
    let total = 0;
    let matched = 0;
    for (const word of wanted) {
      const tf = terms.filter((t) => t === word).length;
      if (tf === 0) continue;
      matched += 1;
      const n = containing.get(word)!;
      const idf = Math.log(1 + (documents.length - n + 0.5) / (n + 0.5));
      total += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * terms.length) / Math.max(1, meanLength)));
    }
    if (matched > 0) scored.push({ document, score: round(total), coverage: matched / wanted.length });
  });
  return scored;
}

// Not localeCompare: the order must not depend on the machine's locale.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function modalityOf(uri: string): string {
  return /\.(mp3|wav|aac|flac|m4a|ogg|wma)$/i.test(uri) ? 'audio' : 'video';
}

export interface SearchOptions {
  collectionId: string;
  topK: number;
  /** Adds rerank_score and orders by it (a deterministic stand-in for a cross-encoder). */
  rerank: boolean;
}

/** The top_k matching documents, best first; ties fall back to the uri, so answers are stable. */
export function search(query: string, documents: readonly IndexedDocument[], options: SearchOptions): SearchResult[] {
  const scored = score(query, documents);
  const best = Math.max(0, ...scored.map((s) => s.score));
  const rerankOf = (s: Scored) => round(0.5 * s.coverage + (best > 0 ? (0.5 * s.score) / best : 0));
  const rank = options.rerank ? (s: Scored) => rerankOf(s) : (s: Scored) => s.score;
  return scored
    .sort((a, b) => rank(b) - rank(a) || b.score - a.score || byCodePoint(a.document.file.uri, b.document.file.uri))
    .slice(0, options.topK)
    .map((s) => ({
      score: s.score,
      content: s.document.content,
      document_id: documentIdFor(options.collectionId, s.document.file.uri),
      filename: baseName(s.document.file.uri),
      uri: s.document.file.uri,
      chunk_index: 0,
      ...(options.rerank ? { rerank_score: rerankOf(s) } : {}),
      metadata: { modality: s.document.file.media ? modalityOf(s.document.file.uri) : 'text', job_id: s.document.jobId },
    }));
}

/** What a file's chunk says when no text was given (media and remote files). */
export function defaultContent(file: FileScenario): string {
  const name = baseName(file.uri);
  return file.media ? `[${modalityOf(file.uri) === 'audio' ? 'Audio' : 'Video'}: ${name}]` : `Content of ${name}`;
}
