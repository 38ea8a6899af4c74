// Plays a script of answers through the pure poll step the way pollJob does, on a virtual clock:
// each action is taken (a wait moves the clock, a request takes its latency), and every round is
// kept, so a property can read what the step was told, when, and what it asked for.
import { classify } from '../../../src/oracle/classify.js';
import type { Exchange } from '../../../src/oracle/exchange.js';
import type { QueryResponse } from '../../../src/client/api-types.js';
import { pollSettingsOf, type PollJobOptions } from '../../../src/client/poll-settings.js';
import { pollStep, startPolling, type PollEvent, type PollState, type PollStep } from '../../../src/client/poll-step.js';
import type { RandomSource } from '../../../src/model/random.js';
import { T0 } from './poll-answers.js';

export interface Round {
  /** Clock reading when the step was asked. */
  now: number;
  before: PollState;
  event: PollEvent;
  step: PollStep;
}

export interface Script {
  options: PollJobOptions;
  /** Answers of the status endpoint, in order; the run stops when they run out. */
  answers: Exchange[];
  /** Answers of the fallback query, used in turn and cycled. */
  queries: Exchange[];
  /** How long each request takes, in ms, cycled. */
  latencies: number[];
}

export function statusEvent(exchange: Exchange, index: number, draw: number): PollEvent {
  return { kind: 'status', observation: classify(exchange, index), draw };
}

export function queryEvent(exchange: Exchange): PollEvent {
  const ok = exchange.status >= 200 && exchange.status < 300;
  return { kind: 'query', exchange, results: ok ? (JSON.parse(exchange.body) as QueryResponse) : undefined };
}

/** Every round of a run of the step over `script`, drawing jitter from `random`. */
export function drive(script: Script, random: RandomSource): Round[] {
  const rounds: Round[] = [];
  const latency = (n: number) => script.latencies[n % script.latencies.length] ?? 0;
  let requests = 0;
  let now = T0;
  let state = startPolling(pollSettingsOf(script.options), now);
  let polls = 0;
  let queries = 0;
  const nextStatus = (): PollEvent | undefined => {
    const exchange = script.answers[polls];
    if (exchange === undefined) return undefined;
    now += latency(requests++);
    return statusEvent(exchange, polls++, random());
  };
  let event = nextStatus();
  while (event) {
    const step = pollStep(state, event, now);
    rounds.push({ now, before: state, event, step });
    state = step.state;
    const action = step.action;
    if (action.kind === 'poll') {
      now += action.afterMs;
      event = nextStatus();
    } else if (action.kind === 'query') {
      now += latency(requests++);
      event = queryEvent(script.queries[queries++ % script.queries.length]!);
    } else {
      event = undefined;
    }
  }
  return rounds;
}
