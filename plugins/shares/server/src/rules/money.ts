/**
 * Amounts of the register in integer cents: a share's nominal value, a movement's amount, the
 * capital. Never floats (0.1 + 0.2 is not 0.3); a product that would leave the safe integer range
 * is refused rather than rounded.
 */
export class AmountOutOfRange extends RangeError {}

function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new AmountOutOfRange(`${what} is not a whole number of cents: ${value}`);
}

/** quantity × unit value, exact. */
export function amountCents(quantity: number, unitValueCents: number): number {
  assertCents(quantity, 'quantity');
  assertCents(unitValueCents, 'unit value');
  const product = quantity * unitValueCents;
  assertCents(product, 'amount');
  return product;
}

/** Σ amounts, exact. */
export function sumCents(amounts: Iterable<number>): number {
  let total = 0;
  for (const amount of amounts) {
    assertCents(amount, 'amount');
    total += amount;
    assertCents(total, 'total');
  }
  return total;
}

/** a / b rounded up, for integers (a quarter of a capital that is not a multiple of 4 cents). */
export function ceilDiv(a: number, b: number): number {
  assertCents(a, 'dividend');
  const q = Math.trunc(a / b);
  return q * b < a ? q + 1 : q;
}

/** A cents amount parsed from a database value (bigint columns and sums come back as strings on PostgreSQL). */
export function centsOf(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
  assertCents(n, 'stored amount');
  return n;
}

/** "1 234,50 €": for people (statements, messages), never for arithmetic. */
export function formatEuros(cents: number): string {
  assertCents(cents, 'amount');
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.trunc(abs / 100)
    .toLocaleString('fr-FR')
    .replace(/\s/g, '\u202f');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}
