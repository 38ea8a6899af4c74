// The run's request rate, shared by every worker process (docs/ARCHITECTURE.md, "Staging runs"): one coordinator
// in the runner process (global setup) hands out send turns 1000/CONFORMANCE_MAX_RPS ms apart, whichever worker
// asks. A fixed split of the rate among workers would waste the share of every worker that is waiting on a job,
// and the suite mostly waits; a worker that asks for a turn for each request spends only what is free.
// Turns go round the workers that are waiting, so each is sure of its 1/workers share (what the tests' timeouts
// assume, tests/conformance/support/pace.ts) and gets more when the others are idle.
import net from 'node:net';

/** One asker: a worker's connection, or the runner process itself (the preflight). */
interface Asker {
  /** One callback per turn asked for and not yet given, in the order asked. */
  waiting: Array<() => void>;
}

export interface RateCoordinator {
  /** `host:port` on loopback, handed to the workers (CONFORMANCE_RATE_COORDINATOR). */
  address: string;
  /** A turn for a request of this process (global setup's preflight), in the same round as the workers'. */
  turn(): Promise<void>;
  /** Turns given so far, to every asker. */
  given(): number;
  close(): Promise<void>;
}

/** One byte per turn asked for, one byte back per turn given: the workers' requests are small and many. */
const ASK = 0x74; // 't'
const GIVE = 0x67; // 'g'

export async function startRateCoordinator(
  perSecond: number,
  /** Told the time of every turn given (performance.now()), e.g. to measure the spacing where it is kept. */
  onGive?: (at: number) => void,
): Promise<RateCoordinator> {
  const spacingMs = 1000 / perSecond;
  const askers: Asker[] = [];
  let next = 0;
  let lastGivenAt = Number.NEGATIVE_INFINITY;
  let given = 0;
  let timer: NodeJS.Timeout | undefined;

  /** Gives the next turn when its time comes, to the next asker round the circle that is waiting. */
  const schedule = (): void => {
    if (timer !== undefined || !askers.some((a) => a.waiting.length > 0)) return;
    const wait = lastGivenAt + spacingMs - performance.now();
    if (wait > 0) {
      timer = setTimeout(() => {
        timer = undefined;
        schedule();
      }, Math.ceil(wait));
      return;
    }
    for (let i = 0; i < askers.length; i++) {
      const asker = askers[(next + i) % askers.length]!;
      const give = asker.waiting.shift();
      if (!give) continue;
      next = (next + i + 1) % askers.length;
      // Spaced from the turn's actual time, not its planned slot: after a stall, missed slots do not all go at once.
      lastGivenAt = performance.now();
      given += 1;
      onGive?.(lastGivenAt);
      give();
      break;
    }
    schedule();
  };

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    const asker: Asker = { waiting: [] };
    askers.push(asker);
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === ASK) asker.waiting.push(() => socket.write(Buffer.of(GIVE)));
      schedule();
    });
    // A worker that ends (or crashes) takes its unanswered asks with it.
    const leave = () => {
      sockets.delete(socket);
      const at = askers.indexOf(asker);
      if (at >= 0) askers.splice(at, 1);
      if (next > at && next > 0) next -= 1;
      if (askers.length > 0) next %= askers.length;
    };
    socket.on('close', leave);
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const local: Asker = { waiting: [] };
  askers.push(local);
  return {
    address: `127.0.0.1:${port}`,
    turn: () =>
      new Promise<void>((resolve) => {
        local.waiting.push(resolve);
        schedule();
      }),
    given: () => given,
    close: async () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The rate coordinator is the run's own machinery: losing it is the suite's trouble, never the target's. */
export class RateCoordinatorLost extends Error {
  readonly suiteTrouble = true;

  constructor(address: string, cause: string) {
    super(`the run's rate coordinator at ${address} is gone (${cause}): no request is sent without a turn`);
    this.name = 'RateCoordinatorLost';
  }
}

/** A worker's side: `turn()` resolves when the coordinator gives this process its next turn. */
export function coordinatedTurns(address: string): () => Promise<void> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  const waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let socket: net.Socket | undefined;
  let lost: Error | undefined;
  const fail = (cause: string) => {
    lost ??= new RateCoordinatorLost(address, cause);
    for (const w of waiting.splice(0)) w.reject(lost);
  };
  const connect = (): net.Socket => {
    const s = net.connect({ host, port });
    s.setNoDelay(true);
    s.on('data', (chunk: Buffer) => {
      for (const byte of chunk) if (byte === GIVE) waiting.shift()?.resolve();
      // An idle connection does not keep the process alive; one with turns still to come does.
      if (waiting.length === 0) s.unref();
    });
    s.on('error', (error) => fail(error.message));
    s.on('close', () => fail('its connection closed'));
    return s;
  };
  return () =>
    new Promise<void>((resolve, reject) => {
      if (lost) return reject(lost);
      socket ??= connect();
      waiting.push({ resolve, reject });
      socket.ref();
      socket.write(Buffer.of(ASK));
    });
}
