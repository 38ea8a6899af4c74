// HAR 1.2 as plain types (http://www.softwareishard.com/blog/har-12-spec/): what browsers' devtools,
// Playwright's recordHar and mitmproxy export, and what the suite writes as exchanges.har. Fields the
// spec allows to be left out are optional here, because real exporters leave them out.

export interface HarNameValue {
  name: string;
  value: string;
  comment?: string;
}

export interface HarPostData {
  mimeType: string;
  text?: string;
  params?: Array<{ name: string; value?: string }>;
  comment?: string;
}

export interface HarRequest {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  queryString: HarNameValue[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarContent {
  /** Length of the returned content in bytes (decoded); -1 or absent when unknown. */
  size: number;
  compression?: number;
  mimeType: string;
  /** The body: decoded text, or base64 when `encoding` says so; absent when the exporter left it out. */
  text?: string;
  encoding?: string;
  comment?: string;
  /** Playwright's recordHar with content `attach`: the body is this file beside the HAR. */
  _file?: string;
}

export interface HarResponse {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarNameValue[];
  headers: HarNameValue[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
  comment?: string;
}

export interface HarTimings {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
}

/** The suite's own fields on an entry (HAR 1.2 allows custom fields that start with `_`). */
export interface SuiteEntryFields {
  /** The test that made the request: `<spec file>:<line> <title>`. */
  _test?: string;
  /** The timeline the test judged the answer in (`<job_id>`, or `<job_id> walk <n>` for a files walk). */
  _timeline?: string;
  /** When the answer arrived (ISO 8601), as the client recorded it. */
  _receivedAt?: string;
  /** Why no answer arrived, or what went wrong with it, as the client said (`Exchange.error`). */
  _error?: string;
  /** The client cut the body at its cap, or the body broke off. */
  _truncated?: boolean;
  /** The body started with a UTF-8 byte-order mark. */
  _bom?: boolean;
  /** Some bytes of the body were not UTF-8 (replaced by U+FFFD in the text). */
  _invalidUtf8?: boolean;
  /** The recorder kept only the first bytes of a long body, or none (over its budget): the reason. */
  _bodyCut?: string;
}

export interface HarEntry extends SuiteEntryFields {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: Record<string, unknown>;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
  comment?: string;
}

export interface HarCreator {
  name: string;
  version: string;
  comment?: string;
}

export interface HarLog {
  version: string;
  creator: HarCreator;
  browser?: HarCreator;
  pages?: unknown[];
  entries: HarEntry[];
  comment?: string;
}

export interface Har {
  log: HarLog;
}

export const HAR_VERSION = '1.2';
