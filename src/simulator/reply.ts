// What a handler answers, as plain data; the server writes it. Error bodies follow the spec's
// `Error` ({detail: string}) and `ValidationError` ({detail: [{loc, msg, type}]}) schemas.

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

export function error(status: number, detail: string, headers?: Record<string, string>): Reply {
  return headers ? { status, body: { detail }, headers } : { status, body: { detail } };
}

export function invalid(...issues: ValidationIssue[]): Reply {
  return { status: 422, body: { detail: issues } };
}

export function issue(loc: (string | number)[], msg: string, type: string): ValidationIssue {
  return { loc, msg, type };
}

export const notFound = (what = 'Not Found'): Reply => error(404, what);
