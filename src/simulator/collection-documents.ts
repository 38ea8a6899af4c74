// What a collection holds now: one document per file uri whose content is indexed, newest job first
// (a re-indexed file's latest content wins), minus what was deleted since. The query endpoints (v2
// and v3) and the document list all read it, so they never disagree about what is indexed.
import type { Collection } from './collection-store.js';
import type { SimulatorState } from './context.js';
import { indexedFilesOf } from './job-store.js';
import { defaultContent, documentIdFor, type IndexedDocument } from './search.js';
import { transcriptOf } from './transcript.js';
import { baseName } from '../model/file-name.js';

export interface StoredDocument extends IndexedDocument {
  documentId: string;
  /** When the job that indexed it was created (the document's created_at). */
  createdAtMs: number;
}

/** Whether a deletion after the job's creation hides the file (a job created later indexes it again). */
function deleted(collection: Collection, uri: string, jobSeq: number): boolean {
  if (jobSeq <= collection.wipedAtSeq) return true;
  const removedAt = collection.removed.get(uri);
  return removedAt !== undefined && jobSeq <= removedAt;
}

export function documentsOf(state: SimulatorState, collection: Collection, nowMs: number): StoredDocument[] {
  const documents: StoredDocument[] = [];
  const seen = new Set<string>();
  for (const job of state.jobs.inCollection(collection.orgId, collection.collectionId).reverse()) {
    for (const file of indexedFilesOf(job, nowMs)) {
      if (seen.has(file.uri)) continue;
      seen.add(file.uri);
      if (deleted(collection, file.uri, job.seq)) continue;
      const given = job.contents.get(file.uri);
      const document = file.media
        ? { content: defaultContent(file), text: given ?? transcriptOf(undefined, baseName(file.uri)) }
        : { content: given ?? defaultContent(file), text: given ?? defaultContent(file) };
      documents.push({
        file,
        ...document,
        jobId: job.identity.jobId,
        documentId: documentIdFor(collection.collectionId, file.uri),
        createdAtMs: job.identity.createdAtMs,
      });
    }
  }
  return documents;
}
