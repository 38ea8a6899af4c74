// The request sequences the vendor's own clients send, written down from their source as test data (method,
// path, headers, body): the Python SDK (runcaptain/captain-py-sdk 0.1.1, commit 6f874b8) and the MCP server
// (runcaptain/captain-mcp: mirror 6b481e8, and the newer stored src/tools.ts, src/jobTools.ts at c21ac43 and
// src/captainClient.ts that ask v3). `{c}`, `{job}`, `{doc}` and `{cursor}` are filled from earlier answers.
// Not the vendors' code: what their code puts on the wire.

export interface VendorRequest {
  /** Where the client builds this request. */
  source: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Keep a value of the answer for later requests: `job` (job_id), `doc` (a document id), `cursor` (files_page.next_cursor). */
  keep?: 'job' | 'doc' | 'cursor';
  /** Let the simulator's clock run this many seconds first (the clients poll; the test does not sleep). */
  after?: number;
}

export interface VendorSequence {
  client: string;
  requests: VendorRequest[];
}

/** core/client_wrapper.py:31-41: the Fern headers, the organization and the bearer key on every request. */
const SDK_HEADERS = {
  'X-Fern-Language': 'Python',
  'X-Fern-Runtime': 'python/3.12.3',
  'X-Fern-Platform': 'linux/6.8.0',
  'X-Fern-SDK-Name': 'captain-sdk',
  'X-Fern-SDK-Version': '0.1.1',
  'X-Organization-ID': '{org}',
  Authorization: 'Bearer {key}',
};
const SDK_JSON = { ...SDK_HEADERS, 'content-type': 'application/json' };

export const SDK_SEQUENCE: VendorSequence = {
  client: 'captain-py-sdk 0.1.1',
  requests: [
    {
      source: 'collections/raw_client.py:94 create_collection_v2',
      method: 'PUT',
      path: '/v2/collections/{c}',
      headers: SDK_JSON,
      body: { description: 'replayed by the conformance suite' },
    },
    {
      source: 'indexing/raw_client.py:1098 index_url_v2',
      method: 'POST',
      path: '/v2/collections/{c}/index/url',
      headers: SDK_JSON,
      body: { url: 'https://example.com/reports/q1-revenue.pdf', processing_type: 'basic' },
      keep: 'job',
    },
    { source: 'jobs/raw_client.py:65 get_job_status_v2', method: 'GET', path: '/v2/jobs/{job}', headers: SDK_HEADERS, after: 120 },
    { source: 'collections/raw_client.py:50 list_collections_v2', method: 'GET', path: '/v2/collections', headers: SDK_HEADERS },
    {
      source: 'collections/raw_client.py:292 list_documents_v2',
      method: 'GET',
      path: '/v2/collections/{c}/documents?offset=0',
      headers: SDK_HEADERS,
      keep: 'doc',
    },
    {
      source: 'query/raw_client.py:253 query_v2 (stream False)',
      method: 'POST',
      path: '/v2/collections/{c}/query',
      headers: SDK_JSON,
      body: { query: 'q1 revenue', inference: false, top_k: 10, rerank: true, stream: false },
    },
    {
      source: 'query/raw_client.py:253 query_v2 with inference',
      method: 'POST',
      path: '/v2/collections/{c}/query',
      headers: SDK_JSON,
      body: { query: 'q1 revenue', inference: true, rerank: true, custom_prompt: 'Answer briefly.', stream: false },
    },
    {
      source: 'indexing/raw_client.py:1098 index_url_v2 (a second job, to cancel)',
      method: 'POST',
      path: '/v2/collections/{c}/index/url',
      headers: SDK_JSON,
      body: { urls: ['https://example.com/a.pdf', 'https://example.com/b.pdf'], processing_type: 'advanced' },
      keep: 'job',
    },
    { source: 'jobs/raw_client.py:118 cancel_job_v2', method: 'POST', path: '/v2/jobs/{job}/cancel', headers: SDK_HEADERS },
    { source: 'jobs/raw_client.py:65 get_job_status_v2', method: 'GET', path: '/v2/jobs/{job}', headers: SDK_HEADERS },
    {
      source: 'collections/raw_client.py:373 delete_document_v2',
      method: 'DELETE',
      path: '/v2/collections/{c}/documents/{doc}',
      headers: SDK_HEADERS,
    },
    {
      source: 'collections/raw_client.py:333 wipe_documents_v2',
      method: 'DELETE',
      path: '/v2/collections/{c}/documents',
      headers: SDK_HEADERS,
    },
    { source: 'collections/raw_client.py:139 delete_collection_v2', method: 'DELETE', path: '/v2/collections/{c}', headers: SDK_HEADERS },
  ],
};

/** captainClient.ts captainFetch: Content-Type application/json on every request, a body or not. */
const MCP_HEADERS = { Authorization: 'Bearer {key}', 'X-Organization-ID': '{org}', 'Content-Type': 'application/json' };

export const MCP_SEQUENCE: VendorSequence = {
  client: 'captain-mcp (tools.ts, jobTools.ts)',
  requests: [
    { source: 'tools.ts captain_create_collection', method: 'PUT', path: '/v2/collections/{c}', headers: MCP_HEADERS, body: {} },
    {
      source: 'tools.ts captain_index_text (99e5167: the field is content)',
      method: 'POST',
      path: '/v2/collections/{c}/index/text',
      headers: MCP_HEADERS,
      body: { content: 'The keynote announced the release date.', filename: 'keynote-notes.txt', processing_type: 'basic' },
      keep: 'job',
    },
    { source: 'tools.ts captain_job_status', method: 'GET', path: '/v2/jobs/{job}', headers: MCP_HEADERS, after: 120 },
    {
      source: 'tools.ts captain_search (v3: limit, rerank; "the v2 query surface is no longer supported")',
      method: 'POST',
      path: '/v3/collections/{c}/query',
      headers: MCP_HEADERS,
      body: { query: 'keynote release', limit: 10, rerank: true, semantic_ratio: 0.5, include: { regions: false } },
    },
    {
      source: 'tools.ts at 6b481e8 captain_search (v2, inference false)',
      method: 'POST',
      path: '/v2/collections/{c}/query',
      headers: MCP_HEADERS,
      body: { query: 'keynote release', inference: false, top_k: 10, rerank: true, rerank_model: 'gemini' },
    },
    { source: 'tools.ts captain_list_collections', method: 'GET', path: '/v2/collections', headers: MCP_HEADERS },
    {
      source: 'tools.ts captain_list_documents (v3)',
      method: 'GET',
      path: '/v3/collections/{c}/documents?limit=100&offset=0',
      headers: MCP_HEADERS,
      keep: 'doc',
    },
    {
      source: 'jobTools.ts captain_list_jobs',
      method: 'GET',
      path: '/v2/jobs?status=completed&collection={c}&limit=50',
      headers: MCP_HEADERS,
    },
    {
      source: 'tools.ts captain_index_url (urls)',
      method: 'POST',
      path: '/v2/collections/{c}/index/url',
      headers: MCP_HEADERS,
      body: { processing_type: 'advanced', urls: ['https://example.com/videos/keynote.mp4', 'https://example.com/slides.pdf'] },
      keep: 'job',
    },
    {
      source: 'tools.ts captain_job_status (files_limit)',
      method: 'GET',
      path: '/v2/jobs/{job}?files_limit=1',
      headers: MCP_HEADERS,
      keep: 'cursor',
      after: 120,
    },
    {
      source: 'tools.ts captain_job_status (files_cursor of the answer above)',
      method: 'GET',
      path: '/v2/jobs/{job}?files_limit=1&files_cursor={cursor}',
      headers: MCP_HEADERS,
    },
    { source: 'tools.ts captain_cancel_job (DELETE)', method: 'DELETE', path: '/v2/jobs/{job}', headers: MCP_HEADERS },
    {
      source: 'tools.ts captain_delete_document',
      method: 'DELETE',
      path: '/v2/collections/{c}/documents/{doc}',
      headers: MCP_HEADERS,
    },
    { source: 'tools.ts captain_wipe_documents', method: 'DELETE', path: '/v2/collections/{c}/documents', headers: MCP_HEADERS },
    { source: 'tools.ts captain_delete_collection', method: 'DELETE', path: '/v2/collections/{c}', headers: MCP_HEADERS },
  ],
};
