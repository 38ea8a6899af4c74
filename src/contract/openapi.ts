// The contract (spec/openapi.yaml), parsed once per process; the component schema names are an
// interface the oracle, simulator and client rely on, so they are listed here and checked on load.
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3_1 } from 'openapi-types';
import { readYamlFile } from './yaml-file.js';

export const OPENAPI_PATH = fileURLToPath(new URL('../../spec/openapi.yaml', import.meta.url));

export const SCHEMA_NAMES = [
  'JobStatus',
  'Placeholder',
  'JobProgress',
  'FileStatus',
  'FilesPage',
  'JobResult',
  'JobBilling',
  'IndexJobResponse',
  'CancelResponse',
  'CustomMetadata',
  'IndexTextRequest',
  'IndexUrlRequest',
  'IndexS3FileRequest',
  'IndexFileRequest',
  'CollectionRequest',
  'CollectionResponse',
  'DeleteCollectionResponse',
  'QueryRequest',
  'QueryResponse',
  'SearchResult',
  'QueryRequestV3',
  'QueryResponseV3',
  'QueryResultV3',
  'JobList',
  'CollectionList',
  'DocumentList',
  'WipeDocumentsResponse',
  'Error',
  'ValidationError',
] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

export const openapi = readYamlFile(OPENAPI_PATH) as OpenAPIV3_1.Document;

/** The component schemas by name; a missing name is a broken build, so loading fails loudly. */
export const componentSchemas: Readonly<Record<SchemaName, OpenAPIV3_1.SchemaObject>> = (() => {
  const schemas = openapi.components?.schemas ?? {};
  const missing = SCHEMA_NAMES.filter((name) => !(name in schemas));
  if (missing.length > 0) throw new Error(`${OPENAPI_PATH} lacks component schemas: ${missing.join(', ')}`);
  return schemas as Record<SchemaName, OpenAPIV3_1.SchemaObject>;
})();

export function isSchemaName(value: unknown): value is SchemaName {
  return typeof value === 'string' && (SCHEMA_NAMES as readonly string[]).includes(value);
}
