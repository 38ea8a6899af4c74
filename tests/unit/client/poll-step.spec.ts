// The reference poller's rules, as properties of its pure step: whatever the server answers, in
// whatever order and at whatever speed, the step keeps to the deadline, honours Retry-After, waits
// through placeholders, ends on a terminal status, gives up on transient failures only past the
// limit, and replays its jitter from a seed. Each test logs its FC_SEED; FC_SEED=<n> replays it.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { test } from '@playwright/test';
import fc from 'fast-check';
import { pollSettingsOf } from '../../../src/client/poll-settings.js';
import { causeOf } from '../../../src/client/poll-explanation.js';
import { pollStep, type PollAction } from '../../../src/client/poll-step.js';
import { seededRandom } from '../../../src/model/random.js';
import { isTransient } from '../../../src/client/transient.js';
import { parseRetryAfter } from '../../../src/model/retry-after.js';
import { classify } from '../../../src/oracle/classify.js';
import type { Observation } from '../../../src/oracle/observation.js';
import { checkProperty } from '../fc-config.js';
import { pollOptionsArbitrary, queryAnswerArbitrary, statusAnswersArbitrary, terminalArbitrary } from './poll-answers.js';
import { drive, statusEvent, type Round, type Script } from './poll-drive.js';

/** Pure steps are cheap, but the machines are shared: a few hundred runs each. */
const RUNS = 300;

const scriptArbitrary = (kinds: Parameters<typeof statusAnswersArbitrary>[0] = {}): fc.Arbitrary<Script> =>
  fc.record({
    options: pollOptionsArbitrary,
    answers: statusAnswersArbitrary(kinds),
    queries: fc.array(queryAnswerArbitrary, { minLength: 1, maxLength: 4 }),
    latencies: fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 5 }),
  });

const seedArbitrary = fc.integer();

function observationOf(round: Round): Observation | undefined {
  return round.event.kind === 'status' ? round.event.observation : undefined;
}

/** Counts how often a property met the case it is about, so a full run proves it was exercised. */
function cases(): { seen: (name: string) => void; expectSeen: (details: { numRuns: number }, ...names: string[]) => void } {
  const counts = new Map<string, number>();
  return {
    seen: (name) => counts.set(name, (counts.get(name) ?? 0) + 1),
    expectSeen: (details, ...names) => {
      test.info().annotations.push({ type: 'cases', description: [...counts].map(([n, c]) => `${n}: ${c}`).join(', ') });
      // Only a full run has to meet every case; a replay runs one.
      if (details.numRuns >= RUNS)
        deepStrictEqual(
          names.filter((n) => !counts.get(n)),
          [],
          'cases no run met',
        );
    },
  };
}

test('the step never asks to poll at or past the deadline, and no wait it asks for ends past it', () => {
  checkProperty(
    fc.property(scriptArbitrary(), seedArbitrary, (script, seed) => {
      for (const { now, before, step } of drive(script, seededRandom(seed))) {
        if (step.action.kind !== 'poll') continue;
        ok(now < before.deadlineAt, `a poll asked for at ${now - before.deadlineAt} ms past the deadline`);
        ok(step.action.afterMs >= 0, `a negative wait: ${step.action.afterMs}`);
        ok(now + step.action.afterMs <= before.deadlineAt, `a wait of ${step.action.afterMs} ms ends past the deadline`);
      }
    }),
    { numRuns: RUNS },
  );
});

/** The action that decides the next wait after round `i`: its own, or (when it queries the fallback) the query round's. */
function nextWaitDecision(rounds: Round[], i: number): PollAction {
  const action = rounds[i]!.step.action;
  return action.kind === 'query' ? rounds[i + 1]!.step.action : action;
}

function expectWaitAtLeast(action: PollAction, floorMs: number): void {
  if (action.kind === 'poll') ok(action.afterMs >= floorMs, `waited ${action.afterMs} ms where Retry-After asked for ${floorMs}`);
  else if (action.kind === 'give-up') strictEqual(action.cause.outcome, 'deadline', 'a 429 can only end the wait at the deadline');
  else strictEqual(action.kind === 'done' && action.end.outcome, 'indexed-via-query', 'only the fallback can end the wait after a 429');
}

test('the wait after a 429 is at least its Retry-After (status or query endpoint), unless the deadline comes first', () => {
  const { seen, expectSeen } = cases();
  const details = checkProperty(
    fc.property(scriptArbitrary(), seedArbitrary, (script, seed) => {
      const rounds = drive(script, seededRandom(seed));
      rounds.forEach((round, i) => {
        const exchange =
          round.event.kind === 'aborted'
            ? undefined
            : round.event.kind === 'status'
              ? round.event.observation.exchange
              : round.event.exchange;
        if (exchange?.status !== 429) return;
        const floorMs = parseRetryAfter(exchange.headers['retry-after'], round.now);
        if (floorMs === undefined) return;
        seen(round.event.kind === 'status' ? 'status 429 with Retry-After' : 'query 429 with Retry-After');
        const decision = round.event.kind === 'status' ? nextWaitDecision(rounds, i) : round.step.action;
        if (decision.kind === 'give-up') seen('Retry-After past the deadline');
        expectWaitAtLeast(decision, floorMs);
      });
    }),
    { numRuns: RUNS },
  );
  expectSeen(details, 'status 429 with Retry-After', 'query 429 with Retry-After', 'Retry-After past the deadline');
});

test('a placeholder never ends the wait: another poll (or the fallback) follows, and it counts as neither failure nor progress', () => {
  const { seen, expectSeen } = cases();
  const details = checkProperty(
    fc.property(scriptArbitrary(), seedArbitrary, (script, seed) => {
      for (const { now, before, step } of drive(script, seededRandom(seed)).filter((r) => observationOf(r)?.kind === 'placeholder')) {
        seen(before.transientFailures > 0 ? 'placeholder after a failure' : 'placeholder');
        const action = step.action;
        if (action.kind === 'give-up') {
          strictEqual(action.cause.outcome, 'deadline', 'a placeholder can only meet the deadline');
          ok(now >= before.deadlineAt, 'a placeholder ended the wait before the deadline');
        } else ok(action.kind === 'poll' || action.kind === 'query', `a placeholder ended the wait: ${action.kind}`);
        strictEqual(step.state.transientFailures, 0, 'a placeholder ends a run of failures');
        strictEqual(step.state.lastStatus, before.lastStatus, 'a placeholder carries no status');
        strictEqual(step.state.cadenceMs, before.cadenceMs, "a placeholder's ETA is not real");
        strictEqual(step.state.runningWithoutProgressSince, before.runningWithoutProgressSince, 'a placeholder is no progress');
      }
    }),
    { numRuns: RUNS },
  );
  expectSeen(details, 'placeholder', 'placeholder after a failure');
});

test('a terminal status always ends the wait done, with that status, whatever came before and however late', () => {
  checkProperty(
    fc.property(
      scriptArbitrary(),
      seedArbitrary,
      terminalArbitrary,
      fc.integer({ min: 0, max: 1_200_000 }),
      (script, seed, terminal, lateMs) => {
        const observation = classify(terminal, 1);
        for (const { now, step } of drive(script, seededRandom(seed))) {
          const { action } = pollStep(step.state, statusEvent(terminal, 1, 0.5), now + lateMs);
          ok(action.kind === 'done' && action.end.outcome === 'terminal', `a terminal status gave ${JSON.stringify(action)}`);
          strictEqual(action.end.status, observation.kind === 'snapshot' ? observation.snapshot.status : undefined);
        }
      },
    ),
    { numRuns: RUNS },
  );
});

test('transient failures give up only past maxRetries in a row, naming the last one as the cause', () => {
  const { seen, expectSeen } = cases();
  const details = checkProperty(
    fc.property(scriptArbitrary({ rejected: false }), seedArbitrary, (script, seed) => {
      const { maxRetries } = pollSettingsOf(script.options);
      let inARow = 0;
      for (const round of drive(script, seededRandom(seed))) {
        const observation = observationOf(round);
        if (!observation) continue;
        const transient = isTransient(observation);
        inARow = transient ? inARow + 1 : 0;
        const action = round.step.action;
        const exhausted = action.kind === 'give-up' && action.cause.outcome === 'transient-exhausted';
        strictEqual(exhausted, transient && inARow > maxRetries, `${inARow} transient failures in a row, limit ${maxRetries}`);
        if (action.kind !== 'give-up' || action.cause.outcome !== 'transient-exhausted') continue;
        seen('exhausted');
        strictEqual(action.cause.attempts, inARow);
        strictEqual(action.cause.lastExchange, observation.exchange);
        strictEqual(action.cause.lastCause, causeOf(observation));
      }
      if (inARow > 0) seen('a run of failures');
    }),
    { numRuns: RUNS },
  );
  expectSeen(details, 'exhausted', 'a run of failures');
});

test('the seeded jitter replays: the same seed and answers give the same actions, each back-off under its ceiling', () => {
  checkProperty(
    fc.property(scriptArbitrary(), seedArbitrary, (script, seed) => {
      const first = drive(script, seededRandom(seed));
      const again = drive(script, seededRandom(seed));
      deepStrictEqual(
        again.map((r) => r.step.action),
        first.map((r) => r.step.action),
      );
      const { retryBaseMs, retryMaxMs } = pollSettingsOf(script.options);
      for (const { before, step } of first) {
        const attempt = step.state.transientFailures;
        if (step.action.kind !== 'poll' || attempt <= before.transientFailures) continue;
        ok(
          step.action.afterMs <= Math.min(retryMaxMs, retryBaseMs * 2 ** (attempt - 1)),
          `back-off ${step.action.afterMs} ms at attempt ${attempt}`,
        );
      }
    }),
    { numRuns: RUNS },
  );
});

test("the media fallback is asked only when configured, never while the job was last seen pending, with rerank true in its version's spelling", () => {
  checkProperty(
    fc.property(scriptArbitrary(), seedArbitrary, (script, seed) => {
      for (const { step } of drive(script, seededRandom(seed))) {
        if (step.action.kind !== 'query') continue;
        ok(script.options.fallback, 'queried without a fallback');
        ok(step.state.lastStatus !== 'pending', 'queried while the job is pending');
        strictEqual(step.action.collection, script.options.fallback.collection);
        // v3 first (its spelling of top_k is limit), v2 only after v3 proved not served; rerank true either way.
        const { query } = script.options.fallback;
        deepStrictEqual(
          step.action.request,
          step.action.version === 'v3'
            ? { query, limit: 10, rerank: true, include: { document: true } }
            : { query, top_k: 10, rerank: true },
        );
      }
    }),
    { numRuns: RUNS },
  );
});
