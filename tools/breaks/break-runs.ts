// Breaks share child runs: a run fields at most one break per area, each aimed at its area's requests only
// (the X-Conformance-Test header names the test's spec file), so every area's tests meet exactly the
// defect a run of that break alone would show them, at a fraction of the runs. Breaks that need other run
// settings (a profile, a short job budget) or another verdict (SHOULD-only runs exit 0) run apart.
import { areaOf, TEST_HEADER } from '../test-header.js';
import type { Area, Break, Tenants } from './breaks.js';
import type { Rewrite } from '../rewriting-proxy.js';

export interface BreakRun {
  /** e.g. "MUST breaks, run 2 of 3". */
  title: string;
  breaks: readonly Break[];
  /** The child's extra settings, the same for every break of the run. */
  env: Record<string, string>;
  level: Break['level'];
}

function settingsOf(broken: Break): Record<string, string> {
  return { ...broken.env, ...(broken.profile ? { CONFORMANCE_PROFILE: broken.profile } : {}) };
}

/** Breaks grouped by level and settings, each group dealt into runs with one break per area. */
export function planBreakRuns(breaks: readonly Break[]): BreakRun[] {
  const groups = new Map<string, Break[]>();
  for (const broken of breaks) {
    const key = JSON.stringify([broken.level, Object.entries(settingsOf(broken)).sort()]);
    groups.set(key, [...(groups.get(key) ?? []), broken]);
  }
  const runs: BreakRun[] = [];
  for (const group of groups.values()) {
    // As few runs as the busiest area needs, and as even as they can be: the longest run bounds the project.
    const perArea = new Map<Area, Break[]>();
    for (const broken of group) perArea.set(broken.area, [...(perArea.get(broken.area) ?? []), broken]);
    const count = Math.max(...[...perArea.values()].map((breaks) => breaks.length));
    const dealt: Break[][] = Array.from({ length: count }, () => []);
    for (const breaks of [...perArea.values()].sort((a, b) => b.length - a.length)) {
      const runs = [...dealt].sort((a, b) => a.length - b.length).slice(0, breaks.length);
      breaks.forEach((broken, i) => runs[i]!.push(broken));
    }
    const first = group[0]!;
    const settings = Object.entries(settingsOf(first))
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    for (const [i, run] of dealt.entries()) {
      const title = `${first.level} breaks${settings ? ` (${settings})` : ''}, run ${i + 1} of ${dealt.length}`;
      runs.push({ title, breaks: run, env: settingsOf(first), level: first.level });
    }
  }
  return runs;
}

/** One proxy rewrite for a run: each request goes through the break of its test's area, or straight on. */
export function aimedByArea(breaks: readonly Break[], tenants: Tenants): Rewrite {
  const byArea = new Map<string, Rewrite>(breaks.map((broken) => [broken.area, broken.rewrite(tenants)]));
  return (request, forward) => {
    const rewrite = byArea.get(areaOf(request.headers[TEST_HEADER]) ?? '');
    return rewrite ? rewrite(request, forward) : forward(request);
  };
}

export const AREAS: readonly Area[] = [
  'shape',
  'state',
  'transitions',
  'pagination',
  'placeholder',
  'media',
  'auth',
  'errors',
  'cancel',
  'rate',
];
