// The layers of the project, bottom first, named in this one place: a file may import files of its own
// layer and of the layers below it, never of a layer above (tests/unit/dependencies.spec.ts checks it, with
// no import cycle either). docs/ARCHITECTURE.md explains each layer; this is the list it is held to.

export interface Layer {
  name: string;
  /** Folders (or single files) relative to the repository root; a file belongs to the longest that holds it. */
  paths: readonly string[];
  /** What the layer is for, and so what it must not need. */
  role: string;
}

export const LAYERS: readonly Layer[] = [
  { name: 'model', paths: ['src/model'], role: 'the lifecycle: statuses, stages, file statuses, legal transitions; plain data' },
  {
    name: 'contract',
    paths: ['src/contract'],
    role: 'the spec files (openapi.yaml, requirements.yaml) read on first use, compiled schemas, profiles',
  },
  { name: 'redaction', paths: ['src/redaction'], role: 'secrets out of any text or value' },
  { name: 'oracle', paths: ['src/oracle'], role: 'pure checks: answers in, findings out; the one timeline judge' },
  { name: 'har', paths: ['src/har'], role: 'HAR 1.2: recorded exchanges written and read, streamed' },
  { name: 'generators', paths: ['generators'], role: 'fast-check arbitraries of timelines, walks and their corruptions' },
  { name: 'client', paths: ['src/client'], role: 'HTTP (global fetch), the reference poller, the files walk' },
  { name: 'package', paths: ['src/index.ts'], role: "the package's client entry: reads no file, writes nothing" },
  { name: 'settings', paths: ['src/settings'], role: 'the environment a run is configured by, parsed once per process' },
  { name: 'simulator', paths: ['src/simulator'], role: 'the reference server: job store, virtual clock, faults, control API' },
  { name: 'client-check', paths: ['src/client-check'], role: "a user's client judged against the simulator's scenarios (JS-CLIENT-*)" },
  { name: 'evidence', paths: ['src/evidence'], role: 'what a test attaches and the reporter reads: the evidence contract' },
  { name: 'report', paths: ['src/report'], role: 'the Playwright reporter, results.json, the HTML report' },
  { name: 'recorded', paths: ['src/recorded'], role: 'traffic the suite did not make, judged by the same oracle, and its report' },
  { name: 'proxy', paths: ['src/proxy'], role: 'the recording reverse proxy: traffic passed on untouched, recorded, judged' },
  { name: 'cli', paths: ['src/cli'], role: 'entry points: simulator, watch, report tools' },
  { name: 'tools', paths: ['tools'], role: 'what scripts, benches and tests share: suite runs, the rewriting proxy, the rehearsal' },
  { name: 'scripts', paths: ['scripts', 'bench'], role: 'npm scripts and benchmarks' },
  { name: 'tests', paths: ['tests', 'playwright.config.ts'], role: 'the suites; a suite may use its own support/ only' },
];
