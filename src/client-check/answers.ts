// The one adapter between the request log and the oracle: each logged answer as the Exchange the oracle
// classifies (snapshot, placeholder, http-error, malformed). Switching to another oracle API is this file.
import { classify } from '../oracle/classify.js';
import type { Exchange } from '../oracle/exchange.js';
import type { Observation } from '../oracle/observation.js';
import type { LoggedRequest } from '../simulator/request-log.js';

export function exchangeOfLogged(entry: LoggedRequest): Exchange {
  return {
    request: { method: entry.method, url: entry.query ? `${entry.path}?${entry.query}` : entry.path, headers: entry.headers },
    status: entry.status,
    headers: { 'content-type': 'application/json', ...entry.answerHeaders },
    body: entry.answerBody,
    receivedAt: new Date(entry.answeredAtMs).toISOString(),
  };
}

/** The answers of one job's status endpoint, classified in the order they were given. */
export function observationsOf(entries: readonly LoggedRequest[]): Observation[] {
  return entries.map((entry, i) => classify(exchangeOfLogged(entry), i));
}
