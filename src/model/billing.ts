// What a finished job is billed: the pages it processed, the credits they cost by processing type, and
// their price, drawn from one account allowance. The simulator bills with it; sample jobs are billed alike.
import type { JobBilling, ProcessingType } from './job.js';

const CREDITS_PER_PAGE = { basic: 1, advanced: 2.5 } as const;
const PRICE_PER_CREDIT = 0.01;
const CREDIT_ALLOWANCE = 100_000;

export function billingOf(pages: number, processingType: ProcessingType = 'basic'): JobBilling {
  const used = pages * CREDITS_PER_PAGE[processingType];
  return {
    cost: { amount: Math.round(used * PRICE_PER_CREDIT * 100) / 100, currency: 'USD' },
    credits: { used, remaining: CREDIT_ALLOWANCE - used },
    rate: { per_credit: PRICE_PER_CREDIT, currency: 'USD' },
    processing_type: processingType,
    pages_processed: pages,
  };
}
