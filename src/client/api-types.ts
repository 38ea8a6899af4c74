// Bodies of the endpoints around job status, as the client sends and reads them
// (captain-api.md sections 2-5). Responses are typed as parsed, not validated: the oracle validates.
import type { JobSnapshot, Placeholder, ProcessingType } from '../model/job.js';
export type CustomMetadata = Record<string, string | number | boolean | string[]>;

/** What every index endpoint answers (IndexJobResponseV2). */
export interface IndexJobResponse {
  job_id: string;
  status: string;
}

export interface IndexTextRequest {
  content: string;
  filename?: string;
  custom_metadata?: CustomMetadata;
}

export type IndexUrlRequest = ({ url: string; urls?: never } | { urls: string[]; url?: never }) & {
  processing_type: ProcessingType;
  custom_metadata?: CustomMetadata;
  parsing_script?: string;
};

export interface IndexS3FileRequest {
  bucket_name: string;
  file_uri: string;
  processing_type: ProcessingType;
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  auth?: { type: 'assume_role'; role_arn: string; external_id: string };
  bucket_region?: string;
  custom_metadata?: CustomMetadata;
  parsing_script?: string;
}

/** One part of a multipart upload to `/index/file`. */
export interface UploadFile {
  name: string;
  content: string | Uint8Array | Blob;
  /** MIME type, e.g. `video/mp4`. */
  type?: string;
}

export interface IndexFileOptions {
  processing_type?: ProcessingType;
  custom_metadata?: CustomMetadata;
  skip_existing?: boolean;
  overwrite_existing?: boolean;
}

export interface CancelJobResponse {
  job_id: string;
  status: string;
  message?: string;
  cancelled_at?: string | null;
  cleanup_initiated?: boolean | null;
}

export interface PutCollectionResponse {
  collection_name: string;
  collection_id?: string;
  status?: string;
  message?: string;
}

export interface DeleteCollectionResponse {
  success?: boolean;
  message?: string;
}

export interface QueryRequest {
  query: string;
  top_k?: number;
  rerank?: boolean;
  metadata_filter?: Record<string, unknown>;
  include_bbox?: boolean;
  inference?: boolean;
}

/** One `search_results[]` item (SearchResult); multimodal results add `uri`. */
export interface SearchResult {
  score?: number;
  content?: string;
  document_id?: string;
  filename?: string;
  uri?: string;
  chunk_index?: number;
  metadata?: Record<string, unknown>;
}

/** `relevant_documents[]` item, present with `inference: true`. */
export interface RelevantDocument {
  relevancy_score?: number;
  document_id?: string;
  filename?: string;
  excerpt?: string;
}

export interface QueryResponse {
  success?: boolean;
  search_results?: SearchResult[];
  relevant_documents?: RelevantDocument[];
  total_results?: number;
  query?: string;
  request_id?: string;
  warnings?: string[] | null;
}

export interface QueryRequestV3 {
  query: string;
  limit?: number;
  rerank?: boolean;
  filter?: Record<string, unknown>;
  include?: { document?: boolean; metadata?: boolean; regions?: boolean; relations?: boolean; related_chunks?: boolean };
}

/** One `results[]` item of the v3 query; `document` is the parent file (QueryResultV3). */
export interface QueryResultV3 {
  chunk_id?: string;
  text?: string | null;
  score?: number | null;
  modality?: string | null;
  metadata?: Record<string, unknown> | null;
  document?: { id?: string | null; filename?: string | null; source?: { type?: string | null; uri?: string | null } | null } | null;
  location?: Record<string, unknown> | null;
}

export interface QueryResponseV3 {
  query?: string | null;
  results?: QueryResultV3[];
  total_results?: number | null;
  limit?: number | null;
  warnings?: string[] | null;
  request_id?: string | null;
}

/** The status endpoint answers a snapshot or, on a transient backend fault, the placeholder. */
export type JobStatusBody = JobSnapshot | Placeholder;

export interface GetJobOptions {
  filesLimit?: number;
  filesCursor?: string | null;
}
