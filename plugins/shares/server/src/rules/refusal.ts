/** Why a rule of the statutes refuses an operation: which rule, for people in French and English. */
export type RuleName =
  | 'minimum-subscription'
  | 'maximum-per-member'
  | 'holding-period'
  | 'capital-floor'
  | 'insufficient-shares'
  | 'negative-past-balance'
  | 'minimum-remaining'
  | 'illegal-transition'
  | 'overpayment'
  | 'minimum-paid'
  | 'board-decision'
  | 'tax-lot';

export interface Refusal {
  rule: RuleName;
  fr: string;
  en: string;
  details?: Record<string, unknown>;
}

export type Verdict = Refusal | null;
