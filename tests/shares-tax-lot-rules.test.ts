/** Tax lots of the shares register, table by table (pure functions, no database). */
import {
  checkTaxLots,
  lotsTouched,
  taxPeriodEnd,
  type LotMovement,
  type TouchedLot,
} from '../plugins/shares/server/src/rules';

let n = 0;
const issue = (effectiveDate: string, quantity: number, eligible = true): LotMovement => ({
  operationNumber: ++n,
  kind: 'issue',
  effectiveDate,
  quantity,
  taxReductionEligible: eligible,
  reversalOf: null,
});
const out = (effectiveDate: string, quantity: number, kind: LotMovement['kind'] = 'redemption'): LotMovement => ({
  operationNumber: ++n,
  kind,
  effectiveDate,
  quantity: -quantity,
  taxReductionEligible: false,
  reversalOf: null,
});

/** A correction giving back `quantity` shares taken by operation `of`. */
const reversal = (effectiveDate: string, quantity: number, of: number): LotMovement => ({
  operationNumber: ++n,
  kind: 'correction',
  effectiveDate,
  quantity,
  taxReductionEligible: false,
  reversalOf: of,
});

describe('the end of a lot’s holding period', () => {
  it.each<[string, number, string]>([
    ['2019-01-01', 7, '2026-12-31'],
    ['2019-12-31', 7, '2026-12-31'],
    ['2020-02-29', 5, '2025-12-31'],
    ['2020-06-15', 10, '2030-12-31'],
  ])('a subscription of %s kept %i years: until %s', (day, years, end) => {
    expect(taxPeriodEnd(day, years)).toBe(end);
  });
});

describe('which eligible lots a disposal takes, oldest first', () => {
  // Lots 1 (2016, past its period in 2024), 2 (2018, until 2025-12-31), 3 (2019, not eligible), 4 (2020).
  n = 0;
  const lots = [issue('2016-03-01', 3), issue('2018-05-01', 4), issue('2019-01-10', 2, false), issue('2020-07-01', 5)];
  const touch = (operationNumber: number, date: string, quantity: number): TouchedLot => ({
    operationNumber,
    date,
    end: taxPeriodEnd(date, 7),
    quantity,
  });
  it.each<[string, LotMovement[], number, string, number, TouchedLot[]]>([
    ['the oldest lot only, past its period', lots, 3, '2024-06-01', 0, []],
    ['across the past lot into the next one', lots, 5, '2024-06-01', 0, [touch(2, '2018-05-01', 2)]],
    [
      'FIFO across several lots, the non-eligible one skipped',
      lots,
      12,
      '2024-06-01',
      0,
      [touch(2, '2018-05-01', 4), touch(4, '2020-07-01', 3)],
    ],
    ['exactly on the end day: still in the period', lots, 5, '2025-12-31', 0, [touch(2, '2018-05-01', 2)]],
    ['the day after the end: free', lots, 7, '2026-01-01', 0, []],
    ['only the non-eligible lot', lots, 2, '2024-06-01', 7, []],
    ['promised shares leave first', lots, 2, '2024-06-01', 3, [touch(2, '2018-05-01', 2)]],
    [
      'shares already gone leave the oldest lots first',
      [...lots, out('2021-01-01', 5)],
      3,
      '2024-06-01',
      0,
      [touch(2, '2018-05-01', 2)],
    ],
    [
      'a reversed issue takes its own lot away',
      [...lots, { ...out('2021-01-01', 4, 'correction'), reversalOf: 2 }],
      8,
      '2024-06-01',
      0,
      [touch(4, '2020-07-01', 3)],
    ],
    [
      'a reversed redemption leaves its shares in the lots it took them from',
      [
        ...lots,
        { ...out('2021-01-01', 5), operationNumber: 50 },
        { ...reversal('2021-02-01', 5, 50), operationNumber: 51 },
      ],
      12,
      '2024-06-01',
      0,
      [touch(2, '2018-05-01', 4), touch(4, '2020-07-01', 3)],
    ],
    [
      'a reversed transfer out too',
      [
        ...lots,
        { ...out('2022-01-01', 7, 'transfer-out'), operationNumber: 52 },
        { ...reversal('2022-01-05', 7, 52), operationNumber: 53 },
      ],
      7,
      '2024-06-01',
      0,
      [touch(2, '2018-05-01', 4)],
    ],
    [
      'shares received by transfer are never eligible',
      [{ ...issue('2023-01-01', 6), kind: 'transfer-in' }],
      6,
      '2024-06-01',
      0,
      [],
    ],
  ])('%s', (_label, movements, quantity, day, promised, expected) => {
    expect(lotsTouched(movements, quantity, day, 7, promised)).toEqual(expected);
  });

  it('orders the lots by day, not by the order they are given', () => {
    n = 10;
    const later = issue('2020-01-01', 2);
    const earlier = issue('2015-01-01', 2);
    expect(lotsTouched([later, earlier], 2, '2024-01-01', 7)).toEqual([]);
    expect(lotsTouched([later, earlier], 3, '2024-01-01', 7)).toEqual([
      { operationNumber: later.operationNumber, date: '2020-01-01', end: '2027-12-31', quantity: 1 },
    ]);
  });
});

describe('the refusal', () => {
  it('is none when no lot is touched', () => {
    expect(checkTaxLots([])).toBeNull();
  });
  it('names each lot and the end of its period, in French then English', () => {
    const refusal = checkTaxLots([
      { operationNumber: 12, date: '2020-07-01', end: '2027-12-31', quantity: 3 },
      { operationNumber: 15, date: '2021-02-01', end: '2028-12-31', quantity: 1 },
    ]);
    expect(refusal?.rule).toBe('tax-lot');
    expect(refusal?.fr).toMatch(
      /3 part\(s\) du lot n° 12 du 2020-07-01, jusqu’au 2027-12-31 ; 1 part\(s\) du lot n° 15/,
    );
    expect(refusal?.en).toMatch(
      /3 share\(s\) of lot no\. 12 of 2020-07-01, until 2027-12-31; 1 share\(s\) of lot no\. 15/,
    );
    expect(refusal?.details).toMatchObject({ shares: 4 });
  });
});
