// Creating jobs through the public index endpoints, the way a client does, with names that say
// which run made them.
import type { CaptainClient } from '../../../src/client/captain-client.js';
import { expect } from './fixtures.js';

export async function indexText(api: CaptainClient, collection: string, filename: string, content: string): Promise<string> {
  const created = await api.indexText(collection, { content, filename });
  expect(created.ok, `index/text answered HTTP ${created.exchange.status}: ${created.exchange.body.slice(0, 200)}`).toBe(true);
  const jobId = created.json?.job_id;
  expect(typeof jobId, 'index/text returns a job_id').toBe('string');
  return jobId as string;
}

/**
 * An id the API never issued that looks like one it did: every letter and digit of a real id shifted
 * within its class, so a server that validates the id's format still takes it for an id.
 */
export function lookalikeId(real: string): string {
  const shift = (c: string, from: string): string => from[(from.indexOf(c) + 1) % from.length]!;
  return real.replace(/[0-9a-zA-Z]/g, (c) =>
    /[0-9]/.test(c)
      ? shift(c, '0123456789')
      : /[a-f]/.test(c)
        ? shift(c, 'abcdef')
        : /[A-F]/.test(c)
          ? shift(c, 'ABCDEF')
          : /[a-z]/.test(c)
            ? shift(c, 'ghijklmnopqrstuvwxyz')
            : shift(c, 'GHIJKLMNOPQRSTUVWXYZ'),
  );
}

const WORDS = ['index', 'status', 'job', 'collection', 'query', 'stage', 'file', 'cursor', 'budget', 'timeline', 'chunk', 'embedding'];

/** About `chars` characters of plain prose, the same on every run: an input big enough to keep a job running a while. */
export function largeText(chars: number): string {
  const sentences: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const sentence = `Sentence ${i} is about the ${WORDS[i % WORDS.length]} and the ${WORDS[(i * 7 + 3) % WORDS.length]}.`;
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}
