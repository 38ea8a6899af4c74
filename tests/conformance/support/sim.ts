// The fault hook (spec/control.yaml), as the controlled tests drive it: the simulator's /_sim/ or any
// deployment's implementation, at CONFORMANCE_CONTROL_URL. Each call first checks that the hook offers its
// capability, and skips the test naming the one missing. Only job-scoped faults are used: the workers share
// one target, so a global fault would leak into other tests.
import { test } from '@playwright/test';
import type { Scenario } from '../../../src/model/scenario.js';
import type { Stage } from '../../../src/model/stage.js';
import { redactor } from '../../../src/redaction/redact.js';
import { targetSecrets, type Target } from './target.js';

export class SimControl {
  constructor(private readonly target: Target) {}

  /** Skips the test unless the hook offers `capability` (a contract capability or a simulator extension). */
  require(capability: string): void {
    const hook = this.target.control;
    const offered = hook ? [...hook.capabilities, ...hook.extensions] : [];
    const where = hook ? hook.url : `${this.target.baseUrl}/_sim (no fault hook answered; set CONFORMANCE_CONTROL_URL)`;
    test.skip(!offered.includes(capability), `needs the fault hook's "${capability}" capability, which ${where} does not offer`);
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const hook = this.target.control!;
    const headers: Record<string, string> = { authorization: `Bearer ${hook.token}`, 'content-type': 'application/json' };
    if (this.target.tenant.orgId) headers['x-organization-id'] = this.target.tenant.orgId;
    const response = await fetch(`${hook.url}/${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      const said = redactor(targetSecrets(this.target))(text).slice(0, 200); // errors reach the report
      throw new Error(`fault hook ${method} ${path} answered ${response.status}: ${said}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  /** Plays a scenario (a simulator extension); returns the new job's id. */
  async play(scenario: Scenario): Promise<string> {
    this.require('scenarios');
    const body = (await this.call('POST', 'scenarios', { scenario })) as { job_id: string };
    return body.job_id;
  }

  placeholders(jobId: string, pattern: { polls?: number[]; probability?: number; count?: number }): Promise<unknown> {
    this.require('placeholders');
    return this.call('POST', 'faults/placeholders', { job_id: jobId, ...pattern });
  }

  rateLimit(jobId: string, count: number, retryAfterSeconds: number): Promise<unknown> {
    this.require('rate-limit');
    return this.call('POST', 'faults/rate-limit', { job_id: jobId, count, retry_after_seconds: retryAfterSeconds });
  }

  fail(jobId: string, stage: Stage, errorCode?: string, errorMessage?: string): Promise<unknown> {
    this.require('fail');
    return this.call('POST', 'faults/fail', { job_id: jobId, stage, error_code: errorCode, error_message: errorMessage });
  }

  stuck(jobId: string, stage: Stage): Promise<unknown> {
    this.require('stuck');
    return this.call('POST', 'faults/stuck', { job_id: jobId, stage });
  }

  mediaLag(jobId: string, seconds: number): Promise<unknown> {
    this.require('media-lag');
    return this.call('POST', 'faults/media-lag', { job_id: jobId, seconds });
  }
}
