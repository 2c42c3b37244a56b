/** The voting rules, table by table, over the pure tally of the governance plugin. */
import {
  assertCollegeWeights,
  clears,
  quorum,
  ratio,
  rulesFrom,
  tallyPoll,
  tallyResolution,
  assertBallot,
  sameResult,
  type ResolutionBallot,
  type ResolutionChoice,
  type PollShape,
  type RankedResult,
  type JudgementResult,
  type CountResult,
} from '../plugins/governance/server/src/tally';

const plain = rulesFrom();

function ballots(spec: Partial<Record<ResolutionChoice, number>>, college: string | null = null): ResolutionBallot[] {
  return (Object.entries(spec) as Array<[ResolutionChoice, number]>).flatMap(([choice, n]) =>
    Array.from({ length: n }, () => ({ choice, college })),
  );
}

describe('one member, one vote', () => {
  it('two members holding 10 and 1 shares are 2 votes', () => {
    const members = [
      { shares: 10, choice: 'for' as const },
      { shares: 1, choice: 'against' as const },
    ];
    const result = tallyResolution(members, 'ordinary', plain);
    expect(result).toMatchObject({ for: 1, against: 1, cast: 2, adopted: false, forPercent: '50.00' });
  });
});

describe('majority by kind', () => {
  const cases: Array<[string, 'ordinary' | 'extraordinary', Partial<Record<ResolutionChoice, number>>, boolean]> = [
    [
      '6,000 / 3,001 / 2,000 abstain rejected at 2/3',
      'extraordinary',
      { for: 6000, against: 3001, abstain: 2000 },
      false,
    ],
    ['6,003 / 3,001 adopted at 2/3', 'extraordinary', { for: 6003, against: 3001 }, true],
    ['exactly 2/3 adopted (at least two thirds)', 'extraordinary', { for: 2, against: 1 }, true],
    ['exactly half rejected (more than half needed)', 'ordinary', { for: 5, against: 5 }, false],
    ['one more than half adopted', 'ordinary', { for: 6, against: 5, abstain: 100 }, true],
    ['abstentions are not cast: 1 for, 0 against, 9 abstain adopted', 'ordinary', { for: 1, abstain: 9 }, true],
    ['nothing cast adopts nothing', 'ordinary', { abstain: 3 }, false],
    ['no ballots adopt nothing', 'extraordinary', {}, false],
  ];
  it.each(cases)('%s', (_name, kind, spec, adopted) => {
    expect(tallyResolution(ballots(spec), kind, plain).adopted).toBe(adopted);
  });

  it('counts abstentions as cast when the statutes say so', () => {
    const rules = rulesFrom({ abstentionsAreCast: true });
    const result = tallyResolution(ballots({ for: 6, against: 5, abstain: 2 }), 'ordinary', rules);
    expect(result).toMatchObject({ cast: 13, adopted: false });
    expect(tallyResolution(ballots({ for: 6, against: 5, abstain: 2 }), 'ordinary', plain).adopted).toBe(true);
  });

  it('decides in exact fractions, not floats', () => {
    expect(clears(ratio(2, 3), { num: 2, den: 3, strict: false })).toBe(true);
    expect(clears(ratio(666666, 1000000), { num: 2, den: 3, strict: false })).toBe(false);
    expect(clears(ratio(1, 2), { num: 1, den: 2, strict: true })).toBe(false);
  });
});

describe('quorum by heads', () => {
  const cases: Array<[number, number, 'ordinary' | 'extraordinary', 'first' | 'second', boolean, number]> = [
    [9999, 40000, 'extraordinary', 'first', false, 10000],
    [10000, 40000, 'extraordinary', 'first', true, 10000],
    [8000, 40000, 'extraordinary', 'second', true, 8000],
    [7999, 40000, 'extraordinary', 'second', false, 8000],
    [7999, 40000, 'ordinary', 'first', false, 8000],
    [8000, 40000, 'ordinary', 'first', true, 8000],
    [1, 40000, 'ordinary', 'second', true, 0],
    [3, 11, 'extraordinary', 'first', true, 3],
    [2, 11, 'extraordinary', 'first', false, 3],
  ];
  it.each(cases)(
    '%i of %i, %s AG on %s convocation → %s (needs %i)',
    (heads, voters, kind, conv, reached, required) => {
      expect(quorum(heads, voters, kind, conv, plain)).toEqual({ heads, voters, required, reached });
    },
  );
});

describe('colleges (SCIC)', () => {
  const refused: Array<[Record<string, number>, RegExp]> = [
    [{ a: 55, b: 30, c: 15 }, /between 10 and 50/],
    [{ a: 50, b: 45, c: 5 }, /between 10 and 50/],
    [{ a: 50, b: 30, c: 10 }, /add up to 100 %, they add up to 90/],
    [{ a: 50, b: 30, c: 30 }, /add up to 100 %, they add up to 110/],
    [{ a: 33.5, b: 33.5, c: 33 }, /whole number/],
  ];
  it.each(refused)('refuses weights %j with a clear message', (colleges, message) => {
    expect(() => assertCollegeWeights(colleges)).toThrow(message);
    expect(() => rulesFrom({ colleges })).toThrow(message);
    expect(() => tallyResolution([], 'ordinary', { ...plain, colleges })).toThrow(message);
  });

  it('accepts 50/30/20 and 40/30/30', () => {
    expect(() => assertCollegeWeights({ a: 50, b: 30, c: 20 })).not.toThrow();
    expect(() => assertCollegeWeights({ a: 40, b: 30, c: 30 })).not.toThrow();
  });

  // 75 %, 20 % and 100 % For in colleges weighted 50/30/20: 63.5 % adopted; by heads, 7 of 16 = 43.75 %.
  const votes = [
    ...ballots({ for: 3, against: 1 }, 'workers'),
    ...ballots({ for: 2, against: 8 }, 'users'),
    ...ballots({ for: 2 }, 'partners'),
  ];
  const colleges = { workers: 50, users: 30, partners: 20 };

  it('weights the colleges’ percentages: 63.5 % adopted where heads give 43.75 %', () => {
    const weighted = tallyResolution(votes, 'ordinary', rulesFrom({ colleges }));
    expect(weighted.forPercent).toBe('63.50');
    expect(weighted.forShare).toEqual({ num: '127', den: '200' });
    expect(weighted.adopted).toBe(true);
    expect(weighted.colleges?.map((c) => c.forPercent)).toEqual(['75.00', '20.00', '100.00']);
    const heads = tallyResolution(votes, 'ordinary', plain);
    expect(heads.forPercent).toBe('43.75');
    expect(heads.adopted).toBe(false);
  });

  it('one member one vote inside a college', () => {
    const result = tallyResolution(votes, 'ordinary', rulesFrom({ colleges }));
    expect(result.colleges?.[1]).toMatchObject({ college: 'users', for: 2, against: 8, cast: 10 });
  });

  it('shares out the weight of a college where nobody voted', () => {
    const result = tallyResolution(
      [...ballots({ for: 1 }, 'workers'), ...ballots({ against: 1 }, 'users')],
      'ordinary',
      rulesFrom({ colleges }),
    );
    // workers 50/80 × 100 % + users 30/80 × 0 % = 62.5 %
    expect(result.forPercent).toBe('62.50');
    expect(result.adopted).toBe(true);
  });
});

describe('poll methods', () => {
  const three = ['A', 'B', 'C'];
  it('single choice counts and ties', () => {
    const poll: PollShape = { method: 'single', options: three };
    const result = tallyPoll(poll, [[0], [1], [0], [], [1]]) as CountResult;
    expect(result.options.map((o) => o.votes)).toEqual([2, 2, 0]);
    expect(result).toMatchObject({ ballots: 5, blank: 1, winners: [0, 1] });
    expect(result.options[0].percent).toBe('50.00');
  });

  const invalid: Array<[PollShape, unknown, RegExp]> = [
    [{ method: 'single', options: three }, [0, 1], /single option/],
    [{ method: 'multiple', options: three, maxChoices: 2 }, [0, 1, 2], /at most 2/],
    [{ method: 'approval', options: three }, [0, 0], /only once/],
    [{ method: 'ranked', options: three }, [3], /from 0 to 2/],
    [{ method: 'judgement', options: three }, [1, 2], /each of the 3/],
    [{ method: 'judgement', options: three }, [1, 2, 6], /each of the 3/],
    [{ method: 'single', options: three }, 'A', /list of option numbers/],
  ];
  it.each(invalid)('refuses a %j ballot %j', (poll, ballot, message) => {
    expect(() => assertBallot(poll, ballot)).toThrow(message);
  });

  it('multiple choice (max k) and approval count every chosen option', () => {
    const multiple = tallyPoll({ method: 'multiple', options: three, maxChoices: 2 }, [
      [0, 1],
      [1, 2],
      [1],
    ]) as CountResult;
    expect(multiple.options.map((o) => o.votes)).toEqual([1, 3, 1]);
    expect(multiple.winners).toEqual([1]);
    const approval = tallyPoll({ method: 'approval', options: three }, [[0, 1, 2], [2], [0, 2]]) as CountResult;
    expect(approval.options.map((o) => o.votes)).toEqual([2, 1, 3]);
    expect(approval.winners).toEqual([2]);
  });

  it('ranked choice: instant runoff with the round-by-round table', () => {
    // A 4 first, B 3, C 2 (C's voters prefer B): C out, then B wins 5 to 4.
    const ballotsCast = [
      ...Array.from({ length: 4 }, () => [0, 1]),
      ...Array.from({ length: 3 }, () => [1, 0]),
      ...Array.from({ length: 2 }, () => [2, 1]),
    ];
    const result = tallyPoll({ method: 'ranked', options: three }, ballotsCast) as RankedResult;
    expect(result.rounds).toEqual([
      { round: 1, votes: [4, 3, 2], exhausted: 0, eliminated: 2 },
      { round: 2, votes: [4, 5, null], exhausted: 0, eliminated: null },
    ]);
    expect(result.winners).toEqual([1]);
  });

  it('ranked choice: exhausted ballots leave the count, ties for last broken by earlier rounds', () => {
    const result = tallyPoll({ method: 'ranked', options: ['A', 'B', 'C', 'D'] }, [
      [0],
      [0],
      [0],
      [1],
      [1],
      [2, 1],
      [2],
      [3, 2],
      [3, 2],
    ]) as RankedResult;
    // Round 1: 3/2/2/2 — tie for last among B, C, D with no earlier round: the later option (D) goes.
    expect(result.rounds[0]).toEqual({ round: 1, votes: [3, 2, 2, 2], exhausted: 0, eliminated: 3 });
    // Round 2: C 4, A 3, B 2: B out; its two ballots rank nothing else and are exhausted.
    expect(result.rounds[1]).toEqual({ round: 2, votes: [3, 2, 4, null], exhausted: 0, eliminated: 1 });
    expect(result.rounds[2]).toEqual({ round: 3, votes: [3, null, 4, null], exhausted: 2, eliminated: null });
    expect(result.winners).toEqual([2]);
  });

  it('majority judgement: best median wins, ties broken by removing median grades', () => {
    // A: poor, good, good → median good; B: fair, good, excellent → median good; C: reject ×3.
    const result = tallyPoll({ method: 'judgement', options: three }, [
      [1, 2, 0],
      [3, 3, 0],
      [3, 5, 0],
    ]) as JudgementResult;
    expect(result.options.map((o) => o.median)).toEqual([3, 3, 0]);
    // Removing one "good" each: A {poor, good} lower median poor; B {fair, excellent} lower median fair.
    expect(result.ranking).toEqual([1, 0, 2]);
    expect(result.winners).toEqual([1]);
  });

  it('a recount of the same ballots gives the same result, whatever the key order', () => {
    const poll: PollShape = { method: 'ranked', options: three };
    const a = tallyPoll(poll, [[0, 1], [1], [2, 0]]);
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(sameResult(a, tallyPoll(poll, [[0, 1], [1], [2, 0]]))).toBe(true);
    expect(sameResult(a, reordered)).toBe(true);
    expect(sameResult(a, { ...a, winners: [9] })).toBe(false);
  });
});
