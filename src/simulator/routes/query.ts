// POST /v2/collections/{name}/query: answers from the files whose content is indexed now,
// whatever their job's status says (the media fallback of the seed).
import { jsonObject } from '../body.js';
import type { Handler, Route } from '../context.js';
import { indexedFilesOf } from '../job-store.js';
import { error, invalid, issue, ok } from '../reply.js';
import { defaultContent, search, type IndexedDocument } from '../search.js';

export const DEFAULT_TOP_K = 10;
const MAX_TOP_K = 100;

const query: Handler = (state, request) => {
  const name = request.params.collection_name!;
  const collection = state.collections.get(request.orgId, name);
  if (!collection) return error(404, `Collection '${name}' not found`);
  const body = jsonObject(request.headers['content-type'], request.body);
  if (!body.ok) return body.reply;
  const text = body.value.query;
  if (typeof text !== 'string' || text.trim() === '') {
    return invalid(issue(['body', 'query'], text === undefined ? 'Field required' : 'Input should be a non-empty string', text === undefined ? 'missing' : 'string_type'));
  }
  const rawTopK = body.value.top_k ?? DEFAULT_TOP_K;
  if (typeof rawTopK !== 'number' || !Number.isInteger(rawTopK) || rawTopK < 1 || rawTopK > MAX_TOP_K) {
    return invalid(issue(['body', 'top_k'], `Input should be an integer from 1 to ${MAX_TOP_K}`, 'int_type'));
  }
  const now = state.clock.now();
  const documents: IndexedDocument[] = [];
  const seen = new Set<string>();
  // Newest job first, so a re-indexed file's latest content wins.
  for (const job of state.jobs.inCollection(request.orgId, collection.collectionId).reverse()) {
    for (const file of indexedFilesOf(job, now)) {
      if (seen.has(file.uri)) continue;
      seen.add(file.uri);
      const content = file.media ? defaultContent(file) : (job.contents.get(file.uri) ?? defaultContent(file));
      documents.push({ file, content, jobId: job.identity.jobId });
    }
  }
  const results = search(text, documents, collection.collectionId, rawTopK);
  return ok({ success: true, query: text, search_results: results, total_results: results.length, top_k: rawTopK });
};

export const queryRoutes: Route[] = [{ method: 'POST', path: '/v2/collections/{collection_name}/query', handler: query, auth: true }];
