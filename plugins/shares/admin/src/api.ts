/** What the plugin's admin routes answer (server/src/controllers/admin.ts). */
import { isFetchError } from '@strapi/strapi/admin';

export interface Request {
  documentId: string;
  state: string;
  version: number;
  quantity: number;
  shareClass: { code: string } | string;
  /** The member asking; null for a visitor subscribing (then `applicant`). */
  member?: { documentId: string; displayName: string } | null;
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

/** Today as the board's browser counts it (the board sits in the organisation's time zone), YYYY-MM-DD. */
export const today = () =>
  new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Saves a file fetched with the admin JWT (a bare link would not carry it). */
export function saveFile(blob: Blob, filename: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has taken the download, not before.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
