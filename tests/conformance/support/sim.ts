// The simulator's /_sim/ control API, as the controlled tests drive it. Only job-scoped faults are
// used: the workers share one target, so a global fault would leak into other tests.
import type { Scenario } from '../../../src/model/scenario.js';
import type { Stage } from '../../../src/model/stage.js';
import { redactor } from '../../../src/redaction/redact.js';
import type { Target } from './target.js';

export class SimControl {
  constructor(private readonly target: Target) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.target.tenant.apiKey}`, 'content-type': 'application/json' };
    if (this.target.tenant.orgId) headers['x-organization-id'] = this.target.tenant.orgId;
    const response = await fetch(`${this.target.baseUrl}/_sim/${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      const said = redactor([this.target.tenant.apiKey])(text).slice(0, 200); // errors reach the report
      throw new Error(`control API ${method} /_sim/${path} answered ${response.status}: ${said}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  /** Plays a scenario; returns the new job's id. */
  async play(scenario: Scenario): Promise<string> {
    const body = (await this.call('POST', 'scenarios', { scenario })) as { job_id: string };
    return body.job_id;
  }

  placeholders(jobId: string, pattern: { polls?: number[]; probability?: number }): Promise<unknown> {
    return this.call('POST', 'faults/placeholders', { job_id: jobId, ...pattern });
  }

  rateLimit(jobId: string, count: number, retryAfterSeconds: number): Promise<unknown> {
    return this.call('POST', 'faults/rate-limit', { job_id: jobId, count, retry_after_seconds: retryAfterSeconds });
  }

  fail(jobId: string, stage: Stage, errorCode?: string, errorMessage?: string): Promise<unknown> {
    return this.call('POST', 'faults/fail', { job_id: jobId, stage, error_code: errorCode, error_message: errorMessage });
  }

  stuck(jobId: string, stage: Stage): Promise<unknown> {
    return this.call('POST', 'faults/stuck', { job_id: jobId, stage });
  }

  mediaLag(jobId: string, seconds: number): Promise<unknown> {
    return this.call('POST', 'faults/media-lag', { job_id: jobId, seconds });
  }
}
