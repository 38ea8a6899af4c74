// The peak memory of a child run: its runner (where the reporters hold every test's evidence) and each
// worker, read from Linux's /proc while it runs. VmHWM is each process's own high-water mark, so sampling
// every few hundred milliseconds misses only processes that live shorter than that.
import { readdirSync, readFileSync } from 'node:fs';

export interface PeakMemory {
  /** Peak resident memory of the runner process, in bytes. */
  runnerBytes: number;
  /** The largest peak of any other process of its group (a worker), in bytes. */
  workerBytes: number;
  /** Processes seen. */
  processes: number;
  /** CPU time (user and system) the processes had used when last seen, in seconds. */
  cpuSeconds: number;
}

function field(status: string, name: string): number | undefined {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** The process group `group` (a detached child's pid), sampled every `everyMs` until `stop()`. */
export function watchPeakMemory(group: number, everyMs = 200): { stop(): PeakMemory } {
  const peaks = new Map<number, number>();
  const cpu = new Map<number, number>();
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux Node runs on
  const sample = (): void => {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // Field 5 of /proc/<pid>/stat is the process group; the name before it may hold spaces, so read after ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) !== group) continue;
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
        cpu.set(Number(name), (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
        const hwm = field(readFileSync(`/proc/${name}/status`, 'utf8'), 'VmHWM');
        if (hwm !== undefined) peaks.set(Number(name), Math.max(peaks.get(Number(name)) ?? 0, hwm));
      } catch {
        // the process ended between the listing and the read
      }
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const others = [...peaks].filter(([pid]) => pid !== group).map(([, bytes]) => bytes);
      const cpuSeconds = [...cpu.values()].reduce((a, b) => a + b, 0);
      return { runnerBytes: peaks.get(group) ?? 0, workerBytes: Math.max(0, ...others), processes: peaks.size, cpuSeconds };
    },
  };
}
