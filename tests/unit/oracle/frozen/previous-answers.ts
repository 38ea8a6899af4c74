// A poller often reads the same bytes twice in a row (a finished job, a slow stage, a placeholder spell).
// An answer that repeats the previous one of its kind byte for byte holds the very same JSON value, so
// the lifecycle rules fold it into that one; and when that one held every requirement judged on it and
// came the same way (status, headers, page size), it would be judged exactly the same: no finding, and
// requirements the timeline has already recorded, so the judge skips it. Only values classify parsed count.
import { isParsedFrom } from '../../../../src/oracle/classify.js';
import type { Observation } from '../../../../src/oracle/observation.js';

/**
 * How an answer compares with the previous answer of its kind: `new` (other bytes, none before, or a value
 * classify did not parse), `same value` (the same bytes), or `same judgement` (the same bytes, status, content
 * type, flags and page size as a previous answer that held).
 */
export type Repeat = 'new' | 'same value' | 'same judgement';

/** What the judgement of a snapshot or placeholder reads besides its value (parsed from `body`). */
interface PreviousAnswer {
  body: string;
  status: number;
  contentType: string | undefined;
  bom: boolean;
  invalidUtf8: boolean;
  filesLimit: number | undefined;
  /** Whether its value was parsed by classify from `body`. */
  parsed: boolean;
  /** Whether every requirement judged on it held. */
  held: boolean;
}

/** No answer yet: `parsed` false, so nothing repeats it. */
function emptyAnswer(): PreviousAnswer {
  return { body: '', status: 0, contentType: undefined, bom: false, invalidUtf8: false, filesLimit: undefined, parsed: false, held: false };
}

type Answered = Observation & { kind: 'snapshot' | 'placeholder' };

function valueOf(observation: Answered): object {
  return observation.kind === 'snapshot' ? observation.snapshot : observation.placeholder;
}

/** The previous snapshot and placeholder of one timeline, to tell their repeats. */
export class PreviousAnswers {
  private readonly snapshot = emptyAnswer();
  private readonly placeholder = emptyAnswer();

  /** How `observation` compares with the previous answer of its kind; `filesLimit` is the page size it is judged against. */
  repeat(observation: Observation, filesLimit: number | undefined): Repeat {
    if (observation.kind !== 'snapshot' && observation.kind !== 'placeholder') return 'new';
    const previous = observation.kind === 'snapshot' ? this.snapshot : this.placeholder;
    const exchange = observation.exchange;
    if (!previous.parsed || exchange.body !== previous.body) return 'new';
    if (!isParsedFrom(valueOf(observation), exchange.body)) return 'new';
    const sameJudgement =
      previous.held &&
      exchange.status === previous.status &&
      exchange.headers['content-type'] === previous.contentType &&
      (exchange.bom === true) === previous.bom &&
      (exchange.invalidUtf8 === true) === previous.invalidUtf8 &&
      filesLimit === previous.filesLimit;
    return sameJudgement ? 'same judgement' : 'same value';
  }

  /** Records `observation`, judged against `filesLimit`, as the previous answer of its kind; `held`: with no finding. */
  record(observation: Observation, filesLimit: number | undefined, held: boolean): void {
    if (observation.kind !== 'snapshot' && observation.kind !== 'placeholder') return;
    const exchange = observation.exchange;
    const previous = observation.kind === 'snapshot' ? this.snapshot : this.placeholder;
    previous.body = exchange.body;
    previous.status = exchange.status;
    previous.contentType = exchange.headers['content-type'];
    previous.bom = exchange.bom === true;
    previous.invalidUtf8 = exchange.invalidUtf8 === true;
    previous.filesLimit = filesLimit;
    previous.parsed = isParsedFrom(valueOf(observation), exchange.body);
    previous.held = held;
  }
}
