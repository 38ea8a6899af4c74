// The size limits of the suite, declared together: what a target can make the suite read, keep, attach
// and write. A target may answer with megabytes (docs/hostile-targets.md), and every copy of the evidence
// (test-results, Playwright's report, results.json, exchanges.har) must stay small and readable whatever
// it answered. Each says why it is the size it is. In the contract, a bottom layer, so every layer may use it.

const KiB = 1024;
const MiB = 1024 * KiB;

// Reading

/** Bytes of one answer body the client reads; past it the body is cut and marked truncated (a hostile target may stream forever). */
export const ANSWER_BODY_BYTES = 8 * MiB;
/** Bytes of one request body the simulator accepts (413 past it): far above any real job creation, a bound on its memory. */
export const REQUEST_BODY_BYTES = 1 * MiB;
/** Decoded bytes of one recorded body that is judged; bigger ones are skipped with the reason (a HAR can hold anything). */
export const RECORDED_BODY_BYTES = 64 * MiB;
/** Bytes of one HAR entry the streaming scanner holds; a bigger one is reported by place only, never held in memory. */
export const HAR_ENTRY_BYTES = 64 * MiB;
/** Bytes of recorded bodies a judged recording keeps for its report (the judge lowers it to an eighth of the heap). */
export const RECORDED_KEPT_BYTES = 64 * MiB;
/** Bytes of the recording proxy's exchanges.har; past it, entries are written without their bodies. */
export const RECORDING_HAR_BYTES = 200 * MiB;
/** Characters of a user's client's output the client check keeps (its tail: the conclusion is its last line). */
export const CLIENT_OUTPUT_TAIL_CHARS = 64 * KiB;

// Attaching (a test's evidence)

/** Characters of any string (a body, a field) a test attaches in its findings or timeline; the report shows far less. */
export const ATTACHED_STRING_CHARS = 64 * KiB;
/** Characters of one body kept in exchanges.har; past it the entry keeps the head and says so. */
export const HAR_BODY_CHARS = 1 * MiB;
/**
 * Characters of bodies one test's attachment keeps: a target that answers a 10 KB body on every one of a
 * thousand polls must not make every copy of the attachment (test-results, Playwright's report,
 * exchanges.har) grow with it. Past it, entries keep everything but their bodies, and say so. The busiest
 * test of a conforming run keeps 1.5 MB (a 520-file walk), all of it: judging exchanges.har must see every
 * body the run judged. The attachment is gzipped, so its two copies take a fraction of that.
 */
export const TEST_BODY_CHARS = 4 * MiB;

// Reporting (what the reporter reads and writes)

/** Bytes of an attachment the reporter reads; bigger ones are noted and skipped, not read into memory. */
export const ATTACHMENT_BYTES = 20 * MiB;
/** Bytes a gzipped attachment is unpacked to, at most: a small file must not unpack into gigabytes. */
export const UNPACKED_ATTACHMENT_BYTES = 64 * MiB;
/** Characters of a text field of the evidence the reporter keeps (a message, a reason, a note): evidence is untrusted. */
export const EVIDENCE_TEXT_CHARS = 20_000;
/** Bytes of exchanges.har; past it, entries are written without their bodies (within the 50 MB the reports folder may take). */
export const EXCHANGES_HAR_BYTES = 12 * MiB;
/** Timelines a report keeps (the suite's with something wrong in them, a recording's with findings); the rest are counted. */
export const KEPT_TIMELINES = 200;
/** Observations of one kept timeline: its ends and the polls findings point at past that, so a thousand-poll wait stays readable. */
export const KEPT_TIMELINE_OBSERVATIONS = 400;
/** Characters of a body kept in a report's timeline (the suite's and a recording's): enough to read it, small enough to keep hundreds. */
export const KEPT_BODY_CHARS = 8 * KiB;
/** Characters of a body in the timeline a passing area shows: a glimpse of what the run saw, not evidence of a fault. */
export const AREA_EVIDENCE_BODY_CHARS = 2 * KiB;
/** Characters of a field of a kept snapshot (a message, a uri). */
export const KEPT_STRING_CHARS = 2000;
/** Bytes (as JSON) of kept timelines for the whole run, so results.json stays small however many polls failed. */
export const TIMELINES_BYTE_BUDGET = 2 * MiB;
/** Bytes (as JSON) of any one kept timeline, so one long wait cannot take the whole run's budget. */
export const TIMELINE_BYTE_BUDGET = 256 * KiB;
/** Characters of a finding's evidence (as JSON) in results.json. */
export const FINDING_EVIDENCE_CHARS = 8 * KiB;
/** Characters of a test's error in results.json: its head says what broke. */
export const TEST_ERROR_CHARS = 4000;
/** Characters of a finding's message in results.json, and past the findings' byte budget. */
export const FINDING_MESSAGE_CHARS = 4000;
export const SHORT_FINDING_MESSAGE_CHARS = 500;
/**
 * Bytes of findings a run keeps with their evidence; past it each requirement keeps its first finding, its
 * message cut short and without evidence, so results.json stays small whatever the target answered.
 */
export const FINDINGS_BYTE_BUDGET = 2 * MiB;
