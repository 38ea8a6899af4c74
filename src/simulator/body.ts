// Reading and parsing request bodies at the edge: a size cap, JSON objects only, and multipart
// through the platform's own parser (undici's Response#formData), never a hand-rolled one.
import { REQUEST_BODY_BYTES } from '../contract/limits.js';
import type { IncomingMessage } from 'node:http';
import { error, invalid, issue, type Reply } from './reply.js';

export type BodyRead = { ok: true; bytes: Buffer } | { ok: false; reply: Reply };

/** Reads the whole body, stopping (and draining) once it passes the cap. */
export function readBody(req: IncomingMessage, maxBytes = REQUEST_BODY_BYTES): Promise<BodyRead> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) resolve({ ok: false, reply: error(413, `Request body exceeds ${maxBytes} bytes`) });
      else resolve({ ok: true, bytes: Buffer.concat(chunks) });
    });
    req.on('error', () => resolve({ ok: false, reply: error(400, 'Request body could not be read') }));
    // A client that goes away mid-body: settle anyway (a no-op after 'end'), so nothing waits forever.
    req.on('close', () => resolve({ ok: false, reply: error(400, 'Request body incomplete') }));
  });
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export type JsonRead = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

/** A JSON object body; an empty body counts as `{}` when `allowEmpty` (e.g. PUT a collection). */
export function jsonObject(contentType: string | undefined, bytes: Buffer, allowEmpty = false): JsonRead {
  if (bytes.length === 0 && allowEmpty) return { ok: true, value: {} };
  if (mediaType(contentType) !== 'application/json') {
    return { ok: false, reply: error(415, 'Content-Type must be application/json') };
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return { ok: false, reply: invalid(issue(['body'], `JSON decode error: ${(e as Error).message}`, 'json_invalid')) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reply: invalid(issue(['body'], 'Input should be a valid dictionary', 'dict_type')) };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

export interface UploadedFile {
  filename: string;
  content: string;
  bytes: Uint8Array;
}

export type MultipartRead = { ok: true; files: UploadedFile[]; fields: Record<string, string> } | { ok: false; reply: Reply };

export async function multipart(contentType: string | undefined, bytes: Buffer): Promise<MultipartRead> {
  if (mediaType(contentType) !== 'multipart/form-data') {
    return { ok: false, reply: error(415, 'Content-Type must be multipart/form-data') };
  }
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType ?? '' } }).formData();
  } catch {
    return { ok: false, reply: error(400, 'Malformed multipart body') };
  }
  const files: UploadedFile[] = [];
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else if (name === 'files') {
      const bytes = new Uint8Array(await value.arrayBuffer());
      files.push({ filename: value.name || `upload-${files.length + 1}`, content: new TextDecoder().decode(bytes), bytes });
    }
  }
  return { ok: true, files, fields };
}
