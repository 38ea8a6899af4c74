// POST /v2/collections/{name}/query (legacy; `inference: true` adds an answer) and
// POST /v3/collections/{name}/query: one lexical search over the files whose content is indexed now,
// whatever their job's status says (the media fallback of the seed), shaped per version.
import { jsonObject } from '../body.js';
import { documentsOf, type StoredDocument } from '../collection-documents.js';
import type { Collection } from '../collection-store.js';
import type { Handler, Route, RouteRequest, SimulatorState } from '../context.js';
import { error, invalid, issue, ok, type Reply } from '../reply.js';
import { schemaIssues } from '../request-schema.js';
import { search, type SearchResult } from '../search.js';
import { baseName } from '../../model/file-name.js';

export const DEFAULT_TOP_K = 10;
const MAX_TOP_K = 100;

/** DOC-q2: multimodal collections always rerank, with a warning when rerank=false is ignored (DOC-mm's 400 is the other reading). */
export const RERANK_IGNORED = 'rerank=false was ignored: collections with media content are always reranked';

interface Searched {
  collection: Collection;
  results: SearchResult[];
  documents: StoredDocument[];
  warnings: string[];
}

/** The collection's matching documents, best first; `limit` is top_k (v2) or limit (v3). */
function searchCollection(
  state: SimulatorState,
  collection: Collection,
  text: string,
  limit: number,
  rerankAsked: boolean | null,
): Searched {
  const documents = documentsOf(state, collection, state.clock.now());
  const multimodal = documents.some((d) => d.file.media);
  const warnings = multimodal && rerankAsked === false ? [RERANK_IGNORED] : [];
  const results = search(text, documents, {
    collectionId: collection.collectionId,
    topK: limit,
    rerank: multimodal || rerankAsked === true,
  });
  return { collection, results, documents, warnings };
}

type Asked = { ok: true; collection: Collection; body: Record<string, unknown>; text: string } | { ok: false; reply: Reply };

/** The collection and a body that passed its schema; `reject` shapes a body problem (v2: 422, v3: 400). */
function asked(state: SimulatorState, request: RouteRequest, schema: 'QueryRequest' | 'QueryRequestV3', v3: boolean): Asked {
  const name = request.params.collection_name!;
  const collection = state.collections.get(request.orgId, name);
  if (!collection) return { ok: false, reply: error(404, `Collection '${name}' not found`) };
  const body = jsonObject(request.headers['content-type'], request.body);
  if (!body.ok) return { ok: false, reply: body.reply };
  const problems = schemaIssues(schema, body.value);
  // v3 documents 400 for a bad request (DOC-q3); v2 answers as FastAPI does, 422.
  if (problems.length > 0)
    return {
      ok: false,
      reply: v3 ? error(400, problems.map((p) => `${p.loc.slice(1).join('.')}: ${p.msg}`).join('; ')) : invalid(...problems),
    };
  // What the schemas do not state: a query of blanks finds nothing.
  const text = body.value.query as string;
  if (text.trim() === '') {
    const why = 'Input should have a non-blank character';
    return { ok: false, reply: v3 ? error(400, `query: ${why}`) : invalid(issue(['body', 'query'], why, 'string_too_short')) };
  }
  return { ok: true, collection, body: body.value, text };
}

/** The answer v2's inference adds: a short "summary" quoting the best match, and the documents behind it. */
function inferenceOf(text: string, results: readonly SearchResult[]) {
  const best = results[0];
  const top = Math.max(0, ...results.map((r) => r.rerank_score ?? r.score));
  return {
    summary: best ? `The best match for "${text}" is ${best.filename}: ${best.content}` : `Nothing in the collection matches "${text}".`,
    relevant_documents: results.map((r) => ({
      relevancy_score: top > 0 ? Math.round(((r.rerank_score ?? r.score) / top) * 1e6) / 1e6 : 0,
      document_id: r.document_id,
      filename: r.filename,
      excerpt: r.content.slice(0, 200),
    })),
  };
}

const queryV2: Handler = (state, request) => {
  const input = asked(state, request, 'QueryRequest', false);
  if (!input.ok) return input.reply;
  const { body, text } = input;
  const rawTopK = (body.top_k as number | null) ?? DEFAULT_TOP_K;
  if (rawTopK > MAX_TOP_K)
    return invalid(issue(['body', 'top_k'], `Input should be less than or equal to ${MAX_TOP_K}`, 'less_than_equal'));
  const { results, warnings } = searchCollection(state, input.collection, text, rawTopK, (body.rerank as boolean | null) ?? null);
  const answer = body.inference === true ? { ...inferenceOf(text, results), inference: true } : {};
  const summary = 'summary' in answer ? { response: answer.summary } : {};
  return ok({
    success: true,
    query: text,
    ...answer,
    ...summary,
    search_results: results,
    total_results: results.length,
    top_k: rawTopK,
    streaming: false,
    warnings,
  });
};

/** `s3://b/k` -> s3, `https://...` -> url, `captain://...` -> upload (a Captain-managed uri). */
function sourceType(uri: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return 'url';
  if (scheme === 'captain' || scheme === undefined) return 'upload';
  return scheme;
}

function modalityOf(result: SearchResult): string {
  const modality = result.metadata.modality;
  return modality === 'text' ? (/\.pdf$/i.test(result.filename) ? 'pdf' : 'text') : String(modality);
}

const queryV3: Handler = (state, request) => {
  const input = asked(state, request, 'QueryRequestV3', true);
  if (!input.ok) return input.reply;
  const { body, text } = input;
  const limit = (body.limit as number | undefined) ?? DEFAULT_TOP_K;
  const rerank = body.rerank;
  const rerankAsked = typeof rerank === 'boolean' ? rerank : rerank != null ? true : null;
  const { results, documents, warnings } = searchCollection(state, input.collection, text, limit, rerankAsked);
  const include = (body.include ?? {}) as Record<string, unknown>;
  const byId = new Map(documents.map((d) => [d.documentId, d]));
  return ok({
    query: text,
    results: results.map((r) => {
      const stored = byId.get(r.document_id)!;
      const media = stored.file.media;
      return {
        chunk_id: `${r.document_id}:${r.chunk_index}`,
        // v3 gives the chunk's text: for media, what was heard (the transcript), not v2's label.
        text: media ? stored.text : r.content,
        score: r.rerank_score ?? r.score,
        metadata: { bm25Score: r.score, ...(include.metadata === true ? { job_id: stored.jobId } : {}) },
        modality: modalityOf(r),
        match_sources: ['keyword'],
        // The parent document is always given: the reference lists it among every result's fields.
        document: { id: r.document_id, filename: baseName(r.uri), source: { type: sourceType(r.uri), uri: r.uri } },
        location: media ? { start_sec: 0, end_sec: null } : { page_start: 1, page_end: 1 },
        ...(include.regions === true ? { regions: [] } : {}),
      };
    }),
    total_results: results.length,
    limit,
    rerank: { applied: rerankAsked === true || warnings.length > 0 || documents.some((d) => d.file.media) },
    warnings,
    execution_time_ms: 1,
    request_id: `req_${state.clock.now().toString(36)}`,
  });
};

export const queryV2Route: Route = { method: 'POST', path: '/v2/collections/{collection_name}/query', handler: queryV2, auth: true };
export const queryV3Route: Route = { method: 'POST', path: '/v3/collections/{collection_name}/query', handler: queryV3, auth: true };

/** The query routes served: v3 always, v2 unless the simulator retires it (`--no-v2-query`). */
export function queryRoutes(v2: boolean): Route[] {
  return v2 ? [queryV2Route, queryV3Route] : [queryV3Route];
}
