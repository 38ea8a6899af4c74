// One "worker" of tests/unit/tools/rate-coordinator.spec.ts, in a process of its own: it sends `count` requests to
// the target all at once, through the run's budget ledger and the run's rate coordinator, as a worker does.
// It says `ready` once loaded and sends on `go`, so that every process asks at the same time.
import { once } from 'node:events';
import { budgetedFetch, RequestBudgetExhausted } from '../../../src/client/request-budget.js';
import { fileLedger } from '../../../tools/budget-ledger.js';
import { coordinatedTurns } from '../../../tools/rate-coordinator.js';

const [coordinator, ledgerFile, target, count, budget, perSecond] = process.argv.slice(2);
const budgeted = budgetedFetch(
  { maxRequests: Number(budget), perSecond: Number(perSecond) },
  fetch,
  fileLedger(ledgerFile!, Number(budget)),
  coordinatedTurns(coordinator!),
);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const sent = await Promise.allSettled(Array.from({ length: Number(count) }, () => budgeted.fetch(target!).then((r) => r.text())));
const refused = sent.filter((s) => s.status === 'rejected' && s.reason instanceof RequestBudgetExhausted).length;
const failed = sent.filter((s) => s.status === 'rejected' && !(s.reason instanceof RequestBudgetExhausted));
if (failed.length > 0) throw (failed[0] as PromiseRejectedResult).reason;
process.stdout.write(JSON.stringify({ refused }));
