/** What the plugin's admin routes answer (server/src/controllers/admin.ts). */
import { isFetchError } from '@strapi/strapi/admin';

export interface Request {
  documentId: string;
  state: string;
  version: number;
  quantity: number;
  shareClass: { code: string } | string;
  profile?: { displayName: string } | null;
  applicant?: { name: string } | null;
  /** Of a redemption: eligible lots it takes before the end of their tax-reduction period. */
  taxLots?: Array<{ operationNumber: number; date: string; end: string; quantity: number }>;
}

export interface Movement {
  operationNumber: number;
  kind: string;
  displayName: string;
  membershipNumber: string;
  shareClass: string;
  quantity: number;
  amountCents: number;
  effectiveDate: string;
  reference: string;
  recordedBy: { kind: 'admin' | 'member'; email: string } | null;
}

export const euros = (cents: number) => (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });

/** The message for people that the server put in Strapi's error shape. */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
}
