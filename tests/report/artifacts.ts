// Reads every byte a run left on disk, including the files inside the zip Playwright's HTML reporter
// embeds as base64 in its index.html, so a leaked secret cannot hide behind an encoding.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface Artifact {
  /** File path, or `file.html!entry` for a member of an embedded zip. */
  name: string;
  content: Buffer;
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The members of a zip archive, read through its central directory. */
export function unzip(zip: Buffer): Array<{ name: string; content: Buffer }> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const members: Array<{ name: string; content: Buffer }> = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + size);
    members.push({ name, content: method === 8 ? inflateRawSync(raw) : raw });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return members;
}

const EMBEDDED_ZIP = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/g;

export function artifactsUnder(dir: string): Artifact[] {
  const artifacts: Artifact[] = [];
  for (const file of filesUnder(dir)) {
    const content = readFileSync(file);
    artifacts.push({ name: file, content });
    if (!file.endsWith('.html')) continue;
    for (const match of content.toString('latin1').matchAll(EMBEDDED_ZIP)) {
      for (const member of unzip(Buffer.from(match[1] ?? '', 'base64')))
        artifacts.push({ name: `${file}!${member.name}`, content: member.content });
    }
  }
  return artifacts;
}
