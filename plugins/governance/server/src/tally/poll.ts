/**
 * Poll methods, each an exact count over anonymous ballots. A ballot is a list of option indexes
 * (single: at most one; multiple: at most k; approval: any; ranked: in order of preference) or,
 * for majority judgement, one grade per option (0 is the worst grade).
 */
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { percent, ratio } from './ratio';

export const pollMethods = ['single', 'multiple', 'approval', 'ranked', 'judgement'] as const;
export type PollMethod = (typeof pollMethods)[number];

/** Grades of majority judgement, worst first. */
export const grades = ['reject', 'poor', 'fair', 'good', 'very-good', 'excellent'] as const;

export interface PollShape {
  method: PollMethod;
  options: string[];
  /** For `multiple`: the most options one ballot may choose. */
  maxChoices?: number | null;
}

export interface OptionCount {
  option: number;
  votes: number;
  percent: string | null;
}

export interface CountResult {
  method: 'single' | 'multiple' | 'approval';
  ballots: number;
  blank: number;
  options: OptionCount[];
  /** Options with the most votes (several when tied); empty when nobody chose anything. */
  winners: number[];
}

export interface RankedRound {
  round: number;
  /** Votes per option this round; `null` once the option is eliminated. */
  votes: Array<number | null>;
  exhausted: number;
  eliminated: number | null;
}

export interface RankedResult {
  method: 'ranked';
  ballots: number;
  rounds: RankedRound[];
  winners: number[];
}

export interface JudgementOption {
  option: number;
  /** How many ballots gave each grade, worst first. */
  grades: number[];
  /** The lower median grade. */
  median: number;
}

export interface JudgementResult {
  method: 'judgement';
  ballots: number;
  options: JudgementOption[];
  /** Options best first: by median, ties broken by removing median grades one at a time. */
  ranking: number[];
  winners: number[];
}

export type PollResult = CountResult | RankedResult | JudgementResult;

function invalid(fr: string, en: string): never {
  throw new InvalidRequest(fr, en);
}

/** Refuses a ballot that the poll's method does not allow, with the reason. */
export function assertBallot(poll: PollShape, choices: unknown): asserts choices is number[] {
  const n = poll.options.length;
  if (!Array.isArray(choices) || !choices.every((c) => Number.isInteger(c)))
    invalid('Le bulletin doit être une liste de numéros d’options.', 'A ballot must be a list of option numbers.');
  if (poll.method === 'judgement') {
    if (choices.length !== n || choices.some((g) => g < 0 || g >= grades.length))
      invalid(
        `Donnez une mention (0 à ${grades.length - 1}) à chacune des ${n} options.`,
        `Give a grade (0 to ${grades.length - 1}) to each of the ${n} options.`,
      );
    return;
  }
  if (choices.some((c) => c < 0 || c >= n))
    invalid(`Les options vont de 0 à ${n - 1}.`, `Options go from 0 to ${n - 1}.`);
  if (new Set(choices).size !== choices.length)
    invalid('Une option ne peut être choisie qu’une fois.', 'An option can be chosen only once.');
  if (poll.method === 'single' && choices.length > 1)
    invalid('Choisissez une seule option.', 'Choose a single option.');
  const max = poll.maxChoices ?? n;
  if (poll.method === 'multiple' && choices.length > max)
    invalid(`Choisissez au plus ${max} options.`, `Choose at most ${max} options.`);
}

function countOptions(poll: PollShape, ballots: number[][]): CountResult {
  const votes = poll.options.map(() => 0);
  let blank = 0;
  for (const ballot of ballots) {
    if (ballot.length === 0) blank += 1;
    for (const option of ballot) votes[option] += 1;
  }
  const top = Math.max(0, ...votes);
  const voting = ballots.length - blank;
  return {
    method: poll.method as CountResult['method'],
    ballots: ballots.length,
    blank,
    options: votes.map((v, option) => ({
      option,
      votes: v,
      // Share of the ballots that chose something (approval and multiple can exceed 100 % in total).
      percent: voting > 0 ? percent(ratio(v, voting)) : null,
    })),
    winners: top > 0 ? votes.flatMap((v, option) => (v === top ? [option] : [])) : [],
  };
}

/**
 * Instant-runoff: each round counts every ballot for its most preferred option still running;
 * an option with more than half of the ballots still counting wins, else the weakest is eliminated.
 * A tie for weakest is broken by the earlier rounds (fewer votes in the latest round where they
 * differed), then by the later position on the ballot paper, so a recount always gives the same table.
 */
function instantRunoff(poll: PollShape, ballots: number[][]): RankedResult {
  const running = new Set(poll.options.map((_, i) => i));
  const rounds: RankedRound[] = [];
  for (;;) {
    const votes: Array<number | null> = poll.options.map((_, i) => (running.has(i) ? 0 : null));
    let exhausted = 0;
    for (const ballot of ballots) {
      const first = ballot.find((option) => running.has(option));
      if (first === undefined) exhausted += 1;
      else votes[first] = (votes[first] as number) + 1;
    }
    const counting = ballots.length - exhausted;
    const round: RankedRound = { round: rounds.length + 1, votes, exhausted, eliminated: null };
    rounds.push(round);
    const leader = [...running].find((i) => 2 * (votes[i] as number) > counting);
    if (leader !== undefined) return { method: 'ranked', ballots: ballots.length, rounds, winners: [leader] };
    if (counting === 0) return { method: 'ranked', ballots: ballots.length, rounds, winners: [] };
    const weakest = [...running].sort((a, b) => weaker(rounds, a, b) || b - a)[0];
    if (running.size === 2) {
      // Two options left and no majority: they are tied now; tied in every round too, both win
      // and the statutes' tie rule (or the board) decides.
      const [a, b] = [...running];
      if (weaker(rounds, a, b) === 0)
        return { method: 'ranked', ballots: ballots.length, rounds, winners: [a, b].sort((x, y) => x - y) };
    }
    round.eliminated = weakest;
    running.delete(weakest);
  }
}

/** Negative when a is weaker than b: fewer votes now, else in the latest round where they differed. */
function weaker(rounds: RankedRound[], a: number, b: number): number {
  for (let r = rounds.length - 1; r >= 0; r -= 1) {
    const diff = (rounds[r].votes[a] ?? 0) - (rounds[r].votes[b] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function lowerMedian(counts: number[], total: number): number {
  // The grade of the ⌈total/2⌉-th ballot from the worst: the lower median.
  const rank = Math.floor((total + 1) / 2);
  let seen = 0;
  for (let g = 0; g < counts.length; g += 1) {
    seen += counts[g];
    if (seen >= rank) return g;
  }
  return 0;
}

/**
 * Orders two options by majority judgement: higher median first; on equal medians, remove one
 * median grade from both and look again, until they differ (Balinski and Laraki's rule).
 */
function compareJudgement(a: number[], b: number[]): number {
  const left = [...a];
  const right = [...b];
  let total = left.reduce((s, c) => s + c, 0);
  while (total > 0) {
    const ma = lowerMedian(left, total);
    const mb = lowerMedian(right, total);
    if (ma !== mb) return mb - ma;
    left[ma] -= 1;
    right[mb] -= 1;
    total -= 1;
  }
  return 0;
}

function majorityJudgement(poll: PollShape, ballots: number[][]): JudgementResult {
  const counts = poll.options.map(() => grades.map(() => 0));
  for (const ballot of ballots) ballot.forEach((grade, option) => (counts[option][grade] += 1));
  const options = counts.map((g, option) => ({ option, grades: g, median: lowerMedian(g, ballots.length) }));
  const ranking = options.map((o) => o.option).sort((a, b) => compareJudgement(counts[a], counts[b]) || a - b);
  const winners =
    ballots.length === 0 ? [] : ranking.filter((o) => compareJudgement(counts[o], counts[ranking[0]]) === 0);
  return { method: 'judgement', ballots: ballots.length, options, ranking, winners };
}

/** The result of a poll from its ballots (each checked by `assertBallot` when cast). */
export function tallyPoll(poll: PollShape, ballots: number[][]): PollResult {
  switch (poll.method) {
    case 'ranked':
      return instantRunoff(poll, ballots);
    case 'judgement':
      return majorityJudgement(poll, ballots);
    default:
      return countOptions(poll, ballots);
  }
}

/** Whether two results are the same, for the recount (PostgreSQL's jsonb reorders object keys). */
export function sameResult(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
