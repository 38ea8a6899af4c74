// POST /v2/collections/{name}/query: a lexical search over the files whose content is indexed now,
// whatever their job's status says (the media fallback of the seed).
import { jsonObject } from '../body.js';
import type { Handler, Route } from '../context.js';
import { indexedFilesOf } from '../job-store.js';
import { error, invalid, issue, ok } from '../reply.js';
import { schemaIssues } from '../request-schema.js';
import { defaultContent, search, type IndexedDocument } from '../search.js';
import { transcriptOf } from '../transcript.js';
import { baseName } from '../../model/file-name.js';

export const DEFAULT_TOP_K = 10;
const MAX_TOP_K = 100;

/** DOC-q2: multimodal collections always rerank, with a warning when rerank=false is ignored (DOC-mm's 400 is the other reading). */
export const RERANK_IGNORED = 'rerank=false was ignored: collections with media content are always reranked';

const query: Handler = (state, request) => {
  const name = request.params.collection_name!;
  const collection = state.collections.get(request.orgId, name);
  if (!collection) return error(404, `Collection '${name}' not found`);
  const body = jsonObject(request.headers['content-type'], request.body);
  if (!body.ok) return body.reply;
  const problems = schemaIssues('QueryRequest', body.value);
  if (problems.length > 0) return invalid(...problems);
  // What QueryRequest does not state: a query of blanks finds nothing, and top_k has a ceiling.
  const text = body.value.query as string;
  if (text.trim() === '') return invalid(issue(['body', 'query'], 'Input should have a non-blank character', 'string_too_short'));
  const rawTopK = (body.value.top_k as number | null) ?? DEFAULT_TOP_K;
  if (rawTopK > MAX_TOP_K)
    return invalid(issue(['body', 'top_k'], `Input should be less than or equal to ${MAX_TOP_K}`, 'less_than_equal'));
  const rerankAsked = (body.value.rerank as boolean | null) ?? null;
  const now = state.clock.now();
  const documents: IndexedDocument[] = [];
  const seen = new Set<string>();
  // Newest job first, so a re-indexed file's latest content wins.
  for (const job of state.jobs.inCollection(request.orgId, collection.collectionId).reverse()) {
    for (const file of indexedFilesOf(job, now)) {
      if (seen.has(file.uri)) continue;
      seen.add(file.uri);
      const given = job.contents.get(file.uri);
      const document = file.media
        ? { content: defaultContent(file), text: given ?? transcriptOf(undefined, baseName(file.uri)) }
        : { content: given ?? defaultContent(file), text: given ?? defaultContent(file) };
      documents.push({ file, ...document, jobId: job.identity.jobId });
    }
  }
  const multimodal = documents.some((d) => d.file.media);
  const warnings = multimodal && rerankAsked === false ? [RERANK_IGNORED] : [];
  const results = search(text, documents, {
    collectionId: collection.collectionId,
    topK: rawTopK,
    rerank: multimodal || rerankAsked === true,
  });
  return ok({ success: true, query: text, search_results: results, total_results: results.length, top_k: rawTopK, warnings });
};

export const queryRoutes: Route[] = [{ method: 'POST', path: '/v2/collections/{collection_name}/query', handler: query, auth: true }];
