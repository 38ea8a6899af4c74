// A hostile target: the simulator behind a proxy that puts script payloads in every free-text field a
// job snapshot has, so that whatever the report shows of the target's answers is attacker-controlled.
// It echoes the caller's Authorization header back (a careless API does), so the key is in the evidence
// and only redaction keeps it out of the artifacts. It also reopens finished jobs (JS-TRANS-001), so that
// the run fails and the report draws the hostile timelines and raw exchanges, not just a green matrix.
import { onSnapshots } from '../../../tools/breaks/proxied-answers.js';
import { BREAKS, type Break, type Tenants } from '../../../tools/breaks/breaks.js';
import { chain, type Rewrite } from '../../../tools/rewriting-proxy.js';

export const PAYLOAD_IMG = '<img src=x onerror=window.__pwned=1>';
export const PAYLOAD_SCRIPT = '</script><script>window.__pwned=1</script>';
export const PAYLOAD_HREF = 'javascript:alert(1)';
export const PAYLOADS = [PAYLOAD_IMG, PAYLOAD_SCRIPT, PAYLOAD_HREF] as const;

export const ECHO_MARKER = 'echoed Authorization:';

const all = PAYLOADS.join(' ');

const injectPayloads: Rewrite = onSnapshots((s, request) => {
  if (typeof s.collection_name === 'string') s.collection_name = `${s.collection_name} ${PAYLOAD_IMG} ${PAYLOAD_SCRIPT}`;
  const message = typeof s.progress_message === 'string' ? s.progress_message : 'working';
  s.progress_message = `${message} ${all} (${ECHO_MARKER} ${String(request.headers.authorization)})`;
  if (typeof s.error_message === 'string') s.error_message = `${s.error_message} ${all}`;
  if (Array.isArray(s.files)) {
    for (const file of s.files as Array<Record<string, unknown>>) {
      if (typeof file.uri === 'string') file.uri = `${PAYLOAD_HREF}//${file.uri}?${encodeURIComponent(PAYLOAD_IMG)}#${PAYLOAD_IMG}`;
    }
  }
});

function reopenBreak(): Break {
  const reopen = BREAKS.find((b) => b.requirement === 'JS-TRANS-001');
  if (!reopen) throw new Error('the JS-TRANS-001 break is missing from the table');
  return reopen;
}

export const REOPENED_REQUIREMENT = reopenBreak().requirement;

export function hostileTarget(tenants: Tenants): Rewrite {
  return chain(injectPayloads, reopenBreak().rewrite(tenants));
}
