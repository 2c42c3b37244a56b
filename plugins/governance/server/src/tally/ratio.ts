/**
 * Exact fractions for tallies: a vote's outcome must never depend on a float's rounding
 * (6,003 For of 9,004 cast is adopted at 2/3, 6,000 of 9,001 is not). BigInt because a weighted
 * result over colleges multiplies the colleges' vote counts together.
 */
export interface Ratio {
  num: bigint;
  den: bigint;
}

export function ratio(num: number | bigint, den: number | bigint): Ratio {
  const d = BigInt(den);
  if (d === 0n) throw new RangeError('zero denominator');
  return d < 0n ? { num: -BigInt(num), den: -d } : { num: BigInt(num), den: d };
}

export function add(a: Ratio, b: Ratio): Ratio {
  return reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den });
}

export function times(a: Ratio, b: Ratio): Ratio {
  return reduce({ num: a.num * b.num, den: a.den * b.den });
}

/** Negative, zero or positive as a is below, equal to or above b. */
export function compare(a: Ratio, b: Ratio): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function reduce(r: Ratio): Ratio {
  const g = gcd(r.num, r.den);
  return g > 1n ? { num: r.num / g, den: r.den / g } : r;
}

/**
 * A percentage for people, to `digits` decimals, rounded half up — for display only: decisions
 * compare the ratios themselves.
 */
export function percent(r: Ratio, digits = 2): string {
  const scale = 10n ** BigInt(digits);
  const scaled = (r.num * 100n * scale * 2n + r.den) / (r.den * 2n);
  const whole = scaled / scale;
  const frac = (scaled % scale).toString().padStart(digits, '0');
  return digits > 0 ? `${whole}.${frac}` : `${whole}`;
}
