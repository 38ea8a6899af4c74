// Collections and their documents: PUT /v2/collections/{name} (201 created, 200 exists), DELETE it,
// GET /v2/collections, and the documents of one (list in v2 and v3 spelling, wipe, delete one).
import { jsonObject } from '../body.js';
import { documentsOf } from '../collection-documents.js';
import { COLLECTION_NAME, type Collection } from '../collection-store.js';
import type { Handler, Route, RouteRequest, SimulatorState } from '../context.js';
import { error, invalid, issue, ok, type Reply } from '../reply.js';
import { baseName } from '../../model/file-name.js';
import { schemaIssues } from '../request-schema.js';

const putCollection: Handler = (state, request) => {
  const name = request.params.collection_name!;
  if (!COLLECTION_NAME.test(name)) {
    return invalid(
      issue(
        ['path', 'collection_name'],
        'Collection names have 3-63 letters, digits, "-" or "_", alphanumeric at both ends',
        'string_pattern_mismatch',
      ),
    );
  }
  const body = jsonObject(request.headers['content-type'], request.body, true);
  if (!body.ok) return body.reply;
  const problems = schemaIssues('CollectionRequest', body.value);
  if (problems.length > 0) return invalid(...problems);
  const description = body.value.description as string | null | undefined;
  const { collection, created } = state.collections.ensure(request.orgId, name, state.clock.now(), description ?? null);
  return ok(
    {
      collection_name: collection.name,
      collection_id: collection.collectionId,
      status: created ? 'created' : 'exists',
      message: created ? `Collection '${name}' created` : `Collection '${name}' already exists`,
    },
    created ? 201 : 200,
  );
};

const deleteCollection: Handler = (state, request) => {
  const name = request.params.collection_name!;
  if (!state.collections.delete(request.orgId, name)) return error(404, `Collection '${name}' not found`);
  return ok({ success: true, message: `Collection '${name}' deleted` });
};

/** `limit` and `offset` of a list, or the 422 a FastAPI Query(ge, le) answers. */
function pageParams(request: RouteRequest, defaultLimit: number, maxLimit: number): { limit: number; offset: number } | Reply {
  const read = (name: string, fallback: number, min: number, max: number): number | Reply => {
    const raw = request.url.searchParams.get(name);
    if (raw === null) return fallback;
    if (!/^\d+$/.test(raw)) return invalid(issue(['query', name], 'Input should be a valid integer', 'int_parsing'));
    const value = Number(raw);
    if (value < min) return invalid(issue(['query', name], `Input should be greater than or equal to ${min}`, 'greater_than_equal'));
    if (value > max) return invalid(issue(['query', name], `Input should be less than or equal to ${max}`, 'less_than_equal'));
    return value;
  };
  const limit = read('limit', defaultLimit, 1, maxLimit);
  if (typeof limit !== 'number') return limit;
  const offset = read('offset', 0, 0, Number.MAX_SAFE_INTEGER);
  if (typeof offset !== 'number') return offset;
  return { limit, offset };
}

const listCollections: Handler = (state, request) => {
  const page = pageParams(request, 100, 1000);
  if ('status' in page) return page;
  const now = state.clock.now();
  const all = state.collections.of(request.orgId);
  const collections = all.slice(page.offset, page.offset + page.limit).map((c) => {
    const count = documentsOf(state, c, now).length;
    return {
      collection_name: c.name,
      collection_id: c.collectionId,
      database_name: c.name,
      file_count: count,
      document_count: count,
      environment: 'development',
      is_active: true,
      created_at: new Date(c.createdAtMs).toISOString(),
      request_count: 0,
    };
  });
  return ok({ collections, total_count: all.length, limit: page.limit, offset: page.offset });
};

function collectionFor(state: SimulatorState, request: RouteRequest): Collection | Reply {
  const name = request.params.collection_name!;
  return state.collections.get(request.orgId, name) ?? error(404, `Collection '${name}' not found`);
}

const listDocuments: Handler = (state, request) => {
  const collection = collectionFor(state, request);
  if ('status' in collection) return collection;
  const page = pageParams(request, 100, 1000);
  if ('status' in page) return page;
  // Oldest first, so that offset pages stay put while jobs add documents at the end.
  const all = documentsOf(state, collection, state.clock.now()).reverse();
  const documents = all.slice(page.offset, page.offset + page.limit).map((d) => ({
    file_id: d.documentId,
    filename: baseName(d.file.uri),
    content_type: null,
    chunk_count: 1,
    created_at: new Date(d.createdAtMs).toISOString(),
    indexed_at: null,
  }));
  return ok({ documents, total_count: all.length, limit: page.limit, offset: page.offset, collection_name: collection.name });
};

const wipeDocuments: Handler = (state, request) => {
  const collection = collectionFor(state, request);
  if ('status' in collection) return collection;
  const now = state.clock.now();
  const count = documentsOf(state, collection, now).length;
  collection.wipedAtSeq = state.jobs.lastSeq;
  collection.uris.clear();
  return ok({ success: true, message: `Deleted ${count} documents from ${collection.name}`, documents_deleted: count });
};

const deleteDocument: Handler = (state, request) => {
  const collection = collectionFor(state, request);
  if ('status' in collection) return collection;
  const id = request.params.document_id!;
  const now = state.clock.now();
  const document = documentsOf(state, collection, now).find((d) => d.documentId === id);
  if (!document) return error(404, `Document '${id}' not found in collection '${collection.name}'`);
  collection.removed.set(document.file.uri, state.jobs.lastSeq);
  collection.uris.delete(document.file.uri);
  return ok({ success: true, message: `Document ${id} deleted` });
};

export const collectionRoutes: Route[] = [
  { method: 'GET', path: '/v2/collections', handler: listCollections, auth: true },
  { method: 'PUT', path: '/v2/collections/{collection_name}', handler: putCollection, auth: true },
  { method: 'DELETE', path: '/v2/collections/{collection_name}', handler: deleteCollection, auth: true },
  { method: 'GET', path: '/v2/collections/{collection_name}/documents', handler: listDocuments, auth: true },
  { method: 'DELETE', path: '/v2/collections/{collection_name}/documents', handler: wipeDocuments, auth: true },
  { method: 'DELETE', path: '/v2/collections/{collection_name}/documents/{document_id}', handler: deleteDocument, auth: true },
  // The vendor's newest MCP server lists documents through v3; the same answer.
  { method: 'GET', path: '/v3/collections/{collection_name}/documents', handler: listDocuments, auth: true },
];
