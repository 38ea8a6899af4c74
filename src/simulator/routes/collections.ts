// PUT /v2/collections/{name} (201 created, 200 exists) and DELETE /v2/collections/{name}.
import { jsonObject } from '../body.js';
import { COLLECTION_NAME } from '../collection-store.js';
import type { Handler, Route } from '../context.js';
import { error, invalid, issue, ok } from '../reply.js';
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

export const collectionRoutes: Route[] = [
  { method: 'PUT', path: '/v2/collections/{collection_name}', handler: putCollection, auth: true },
  { method: 'DELETE', path: '/v2/collections/{collection_name}', handler: deleteCollection, auth: true },
];
