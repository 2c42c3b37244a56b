/** A member's shares as « Mes parts » reads them (`/api/shares/me`, `/api/shares/classes`). */
export interface ShareClass {
  code: string;
  name: string;
  nominalCents: number;
  minimumShares: number;
  maxPerMember: number | null;
}

export interface Holding {
  shareClass: string;
  quantity: number;
  valueCents: number;
}

export interface Movement {
  operationNumber: number;
  kind: 'issue' | 'redemption' | 'transfer-out' | 'transfer-in' | 'correction';
  shareClass: string;
  quantity: number;
  amountCents: number;
  effectiveDate: string;
}

export type SubscriptionState = 'submitted' | 'approved' | 'issued' | 'rejected' | 'cancelled';

export interface Subscription {
  documentId: string;
  shareClass: string;
  quantity: number;
  subscribedCents: number;
  paidCents: number;
  unpaidCents: number;
  state: SubscriptionState;
  version: number;
  requestedOn: string;
  paymentDeadline: string;
}

export type RedemptionState = 'submitted' | 'approved' | 'paid' | 'refused' | 'cancelled';

export interface Redemption {
  documentId: string;
  shareClass: string;
  quantity: number;
  amountCents: number;
  state: RedemptionState;
  version: number;
  requestedOn: string;
  dueOn: string | null;
  paidOn: string | null;
  /** Which rule refused it, in each language. */
  refusal: { rule: string; fr: string; en: string } | null;
  /** Shares it takes that are still in their income-tax reduction period (the reduction is clawed back). */
  taxLots: Array<{ operationNumber: number; date: string; end: string; quantity: number }>;
}

export interface SharesSummary {
  holdings: Holding[];
  totalShares: number;
  totalValueCents: number;
  movements: Movement[];
  subscriptions: Subscription[];
  redemptions: Redemption[];
  unpaidCents: number;
  /** The years I have a yearly statement for, newest first. */
  statementYears: number[];
}

export const paymentMethods = ['transfer', 'cheque', 'card'] as const;
