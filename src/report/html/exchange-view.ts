// One recorded exchange as a reader reproduces it: the full URL, a copyable curl command, the answer
// with the fields a finding names marked, and those fields repeated above the body so no scrolling hides them.
import type { Exchange } from '../../oracle/exchange.js';
import { clip } from '../../contract/clip.js';
import { escapeHtml as e } from './escape.js';
import { curlCommand, fullUrl, namedFields } from './reproduce.js';

const BODY_SHOWN = 4000;

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function headerLines(headers: Record<string, string> | undefined): string {
  return Object.entries(headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

/** The pretty body, escaped, each line of a named field wrapped in <mark>. */
function markedBody(pretty: string, fields: readonly string[]): { html: string; marked: string[] } {
  const keys = fields.map((f) => `"${f}":`);
  const marked: string[] = [];
  const html = pretty
    .split('\n')
    .map((line) => {
      if (keys.length === 0 || !keys.some((k) => line.trimStart().startsWith(k))) return e(line);
      marked.push(line.trim());
      return `<mark>${e(line)}</mark>`;
    })
    .join('\n');
  return { html, marked };
}

/** A copyable command: the button selects it (the report's script copies when the browser lets it). */
export function curlBlock(command: string, cls = 'curl-command'): string {
  return `<div class="curl"><button type="button" class="copy" title="copy the command">copy</button><pre class="${cls}">${e(command)}</pre></div>`;
}

/** The request (full URL, curl) and the answer with `messages`' fields marked; `messages` empty: nothing marked. */
export function exchangeView(baseUrl: string | null, x: Exchange, messages: readonly string[], open = false): string {
  const url = fullUrl(baseUrl, x.request.url);
  const pretty = clip(prettyBody(x.body), BODY_SHOWN, 'cut');
  const fields = messages.length > 0 ? namedFields(x.body, messages) : [];
  const body = markedBody(pretty, fields);
  const named =
    body.marked.length > 0
      ? `<div class="named">the finding is about: ${body.marked
          .slice(0, 6)
          .map((l) => `<code>${e(clip(l, 200, 'ellipsis'))}</code>`)
          .join(' ')}</div>`
      : fields.length > 0
        ? `<div class="named">the finding is about: ${fields.map((f) => `<code>${e(f)}</code>`).join(' ')}</div>`
        : '';
  const answer = `HTTP ${x.status}${x.error ? ` (${e(x.error)})` : ''} · received ${e(x.receivedAt)}\n${e(headerLines(x.headers))}\n\n${body.html}${x.truncated ? '\n[body truncated by the client]' : ''}`;
  const sent = `${e(x.request.method)} ${e(url)}\n${e(headerLines(x.request.headers))}${x.request.body ? `\n\n${e(clip(x.request.body, BODY_SHOWN, 'cut'))}` : ''}`;
  return `<div class="exchange-view"><div class="request-url"><code>${e(x.request.method)} ${e(url)}</code></div>
${curlBlock(curlCommand(baseUrl, x.request))}${named}
<details class="raw"${open ? ' open' : ''}><summary>request and answer</summary><pre>${sent}\n\n${answer}</pre></details></div>`;
}
