// Corruptions of the response shape (JS-SHAPE-*): the schema, the echoed id, enumerations,
// timestamp formats, the content type, and bodies that are not JSON objects.
// Statuses no vendor material names (processing and the vendor final ones are a SHOULD, JS-SHAPE-007).
const UNKNOWN_STATUSES = ['in_progress', 'done', 'queued', 'error'];
import { choose, editSnapshots, reanswer, snapshotIndexes, timelineCorruption, withBody } from './corruption.js';

export const collectionNameNotString = timelineCorruption({
  name: 'collection-name-not-string',
  requirement: 'JS-SHAPE-001',
  corrupt(g, pick) {
    const i = choose(snapshotIndexes(g.timeline), pick);
    if (i === undefined) return undefined;
    return {
      pollIndex: i,
      what: 'collection_name is a number',
      timeline: editSnapshots(g.timeline, [i], (s) => void (s.collection_name = 42 as never)),
    };
  },
});

export const jobIdMismatch = timelineCorruption({
  name: 'job-id-mismatch',
  requirement: 'JS-SHAPE-002',
  corrupt(g, pick) {
    // Snapshots and placeholders both echo the id.
    const i = choose(
      g.timeline.filter((o) => o.kind === 'snapshot' || o.kind === 'placeholder').map((o) => o.index),
      pick,
    );
    if (i === undefined) return undefined;
    const timeline = reanswer(g.timeline, i, (exchange) => {
      const body = JSON.parse(exchange.body) as { job_id: string };
      return withBody(exchange, { ...body, job_id: `${body.job_id}x` });
    });
    return { pollIndex: i, what: 'job_id names another job', timeline };
  },
});

export const statusUncatalogued = timelineCorruption({
  name: 'status-uncatalogued',
  requirement: 'JS-SHAPE-003',
  corrupt(g, pick) {
    const i = choose(snapshotIndexes(g.timeline), pick);
    if (i === undefined) return undefined;
    // Not the vendor's statuses (processing, completed_with_errors, timed_out): only a SHOULD (JS-SHAPE-007).
    const status = UNKNOWN_STATUSES[pick % UNKNOWN_STATUSES.length]!;
    return {
      pollIndex: i,
      what: `status is ${status}`,
      timeline: editSnapshots(g.timeline, [i], (s) => void (s.status = status as never)),
    };
  },
});

export const stageUncatalogued = timelineCorruption({
  name: 'stage-uncatalogued',
  requirement: 'JS-SHAPE-003',
  needs: { scenario: { ends: ['run'] }, minTerminalPolls: 1 },
  corrupt(g, pick) {
    // Only while running: the stage of a finished job is undocumented ("When status is running").
    const i = choose(
      snapshotIndexes(g.timeline, (s) => s.progress != null && s.status === 'running'),
      pick,
    );
    if (i === undefined) return undefined;
    const timeline = editSnapshots(g.timeline, [i], (s) => void (s.progress!.current_stage = 'indexing' as never));
    return { pollIndex: i, what: 'progress.current_stage is indexing', timeline };
  },
});

export const fileStatusUncatalogued = timelineCorruption({
  name: 'file-status-uncatalogued',
  requirement: 'JS-SHAPE-003',
  needs: { scenario: { minFiles: 1 } },
  corrupt(g, pick) {
    const i = choose(
      snapshotIndexes(g.timeline, (s) => (s.files?.length ?? 0) > 0),
      pick,
    );
    if (i === undefined) return undefined;
    const timeline = editSnapshots(g.timeline, [i], (s) => {
      const files = s.files!;
      files[pick % files.length]!.status = 'done' as never;
    });
    return { pollIndex: i, what: 'a file status is done', timeline };
  },
});

export const timestampNotRfc3339 = timelineCorruption({
  name: 'timestamp-not-rfc3339',
  requirement: 'JS-SHAPE-004',
  needs: { scenario: { minFiles: 1 } },
  corrupt(g, pick) {
    // The same instant as an HTTP date: readable by Date.parse, but not RFC 3339. A file's
    // updated_at and cancelled_at take part in no ordering rule, so only the format breaks.
    const i = choose(
      snapshotIndexes(g.timeline, (s) => (s.files ?? []).some((f) => f.updated_at) || typeof s.cancelled_at === 'string'),
      pick,
    );
    if (i === undefined) return undefined;
    let what = '';
    const timeline = editSnapshots(g.timeline, [i], (s) => {
      const file = (s.files ?? []).find((f) => f.updated_at);
      if (file) {
        file.updated_at = new Date(file.updated_at!).toUTCString();
        what = `files[].updated_at is ${file.updated_at}`;
      } else {
        s.cancelled_at = new Date(s.cancelled_at!).toUTCString();
        what = `cancelled_at is ${s.cancelled_at}`;
      }
    });
    return { pollIndex: i, what, timeline };
  },
});

export const contentTypeNotJson = timelineCorruption({
  name: 'content-type-not-json',
  requirement: 'JS-SHAPE-005',
  corrupt(g, pick) {
    const i = choose(snapshotIndexes(g.timeline), pick);
    if (i === undefined) return undefined;
    const timeline = reanswer(g.timeline, i, (exchange) => ({
      ...exchange,
      headers: { ...exchange.headers, 'content-type': 'text/html; charset=utf-8' },
    }));
    return { pollIndex: i, what: 'a snapshot served as text/html', timeline };
  },
});

const NOT_OBJECTS = ['<html><body>502 Bad Gateway</body></html>', '[]', 'null'] as const;

export const bodyNotJsonObject = timelineCorruption({
  name: 'body-not-json-object',
  requirement: 'JS-SHAPE-006',
  corrupt(g, pick) {
    const i = choose(
      g.timeline.map((o) => o.index),
      pick,
    );
    if (i === undefined) return undefined;
    const variant = pick % (NOT_OBJECTS.length + 1);
    const timeline = reanswer(g.timeline, i, (exchange) => {
      const ok = { ...exchange, status: 200, headers: { 'content-type': 'application/json' } };
      // A body cut at the client's cap, or one that was never a JSON object.
      if (variant === NOT_OBJECTS.length)
        return { ...withBody(ok, exchange.body.slice(0, Math.floor(exchange.body.length / 2))), truncated: true };
      return withBody(ok, NOT_OBJECTS[variant]!);
    });
    return {
      pollIndex: i,
      what: variant === NOT_OBJECTS.length ? 'the body is truncated' : `the body is ${NOT_OBJECTS[variant]}`,
      timeline,
    };
  },
});

export const SHAPE_CORRUPTIONS = [
  collectionNameNotString,
  jobIdMismatch,
  statusUncatalogued,
  stageUncatalogued,
  fileStatusUncatalogued,
  timestampNotRfc3339,
  contentTypeNotJson,
  bodyNotJsonObject,
];
