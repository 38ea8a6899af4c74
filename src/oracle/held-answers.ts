// A poller often reads the same bytes twice (a finished job, a slow stage, a placeholder spell). An answer
// that repeats, byte for byte, the last one of its kind that held every requirement judged on it would be
// judged exactly the same way: no finding, and requirements the timeline has already recorded. So the
// timeline judge skips it. Only answers classify made count: their value is their body's own JSON.
import { isParsedFrom } from './classify.js';
import type { Observation } from './observation.js';

/** What the judgement of a snapshot or placeholder reads besides its value (parsed from `body`). */
interface HeldAnswer {
  body: string;
  status: number;
  contentType: string | undefined;
  bom: boolean;
  invalidUtf8: boolean;
  filesLimit: number | undefined;
}

type Answered = Observation & { kind: 'snapshot' | 'placeholder' };

function valueOf(observation: Answered): object {
  return observation.kind === 'snapshot' ? observation.snapshot : observation.placeholder;
}

/** The last snapshot and the last placeholder of one timeline that held, to tell their repeats. */
export class HeldAnswers {
  private snapshot: HeldAnswer | undefined;
  private placeholder: HeldAnswer | undefined;

  /** Whether `observation` repeats the last held answer of its kind; `filesLimit` is the one it is judged against. */
  repeats(observation: Observation, filesLimit: number | undefined): boolean {
    if (observation.kind !== 'snapshot' && observation.kind !== 'placeholder') return false;
    const held = observation.kind === 'snapshot' ? this.snapshot : this.placeholder;
    if (held === undefined) return false;
    const exchange = observation.exchange;
    return (
      exchange.body === held.body &&
      exchange.status === held.status &&
      exchange.headers['content-type'] === held.contentType &&
      (exchange.bom === true) === held.bom &&
      (exchange.invalidUtf8 === true) === held.invalidUtf8 &&
      filesLimit === held.filesLimit &&
      isParsedFrom(valueOf(observation), exchange.body)
    );
  }

  /** Records `observation`, judged with no finding, as the answer of its kind whose repeats need no judging. */
  held(observation: Observation, filesLimit: number | undefined): void {
    if (observation.kind !== 'snapshot' && observation.kind !== 'placeholder') return;
    const exchange = observation.exchange;
    if (!isParsedFrom(valueOf(observation), exchange.body)) return;
    const answer: HeldAnswer = {
      body: exchange.body,
      status: exchange.status,
      contentType: exchange.headers['content-type'],
      bom: exchange.bom === true,
      invalidUtf8: exchange.invalidUtf8 === true,
      filesLimit,
    };
    if (observation.kind === 'snapshot') this.snapshot = answer;
    else this.placeholder = answer;
  }
}
