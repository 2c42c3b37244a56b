/**
 * The outcome of a resolution (For / Against / Abstain): quorum by heads, majority by the
 * resolution's kind, and with SCIC colleges the weighted sum of each college's share of For.
 * Every vote is a head: nothing here knows how many shares (parts sociales) a member holds.
 */
import { add, compare, percent, ratio, times, type Ratio } from './ratio';
import {
  assertCollegeWeights,
  type AssemblyKind,
  type Convocation,
  type Threshold,
  type VotingRules,
} from './settings';

export type ResolutionChoice = 'for' | 'against' | 'abstain';
export const resolutionChoices: ResolutionChoice[] = ['for', 'against', 'abstain'];

export interface ResolutionBallot {
  choice: ResolutionChoice;
  /** The voter's college, when the statutes have colleges. */
  college?: string | null;
}

export interface Counts {
  for: number;
  against: number;
  abstain: number;
}

export interface CollegeResult extends Counts {
  college: string;
  weight: number;
  cast: number;
  /** Share of For among this college's votes cast, as a percentage for people. */
  forPercent: string | null;
}

export interface ResolutionResult extends Counts {
  cast: number;
  /** Share of For: weighted over colleges when there are colleges, else by heads. */
  forShare: { num: string; den: string };
  forPercent: string | null;
  colleges: CollegeResult[] | null;
  adopted: boolean;
}

export function countChoices(ballots: Iterable<ResolutionBallot>): Counts {
  const counts: Counts = { for: 0, against: 0, abstain: 0 };
  for (const ballot of ballots) counts[ballot.choice] += 1;
  return counts;
}

function castOf(counts: Counts, rules: VotingRules): number {
  return counts.for + counts.against + (rules.abstentionsAreCast ? counts.abstain : 0);
}

/** Whether a share clears a threshold (above it when strict, else at least it). */
export function clears(share: Ratio, threshold: Threshold): boolean {
  const c = compare(share, ratio(threshold.num, threshold.den));
  return threshold.strict ? c > 0 : c >= 0;
}

/**
 * A college where nobody cast a vote has no percentage: its weight is shared out among the
 * others in proportion to theirs (what SCIC statutes usually provide), rather than counting as 0 % For.
 */
function weightedShare(byCollege: CollegeResult[]): Ratio | null {
  const voting = byCollege.filter((c) => c.cast > 0);
  const totalWeight = voting.reduce((sum, c) => sum + c.weight, 0);
  if (totalWeight === 0) return null;
  return voting.reduce<Ratio>(
    (sum, c) => add(sum, times(ratio(c.weight, totalWeight), ratio(c.for, c.cast))),
    ratio(0, 1),
  );
}

export function tallyResolution(ballots: ResolutionBallot[], kind: AssemblyKind, rules: VotingRules): ResolutionResult {
  const counts = countChoices(ballots);
  const cast = castOf(counts, rules);
  const collegeNames = Object.keys(rules.colleges);
  let colleges: CollegeResult[] | null = null;
  let share: Ratio | null;
  if (collegeNames.length > 0) {
    assertCollegeWeights(rules.colleges);
    colleges = collegeNames.map((college) => {
      const c = countChoices(ballots.filter((b) => b.college === college));
      const collegeCast = castOf(c, rules);
      return {
        college,
        weight: rules.colleges[college],
        ...c,
        cast: collegeCast,
        forPercent: collegeCast > 0 ? percent(ratio(c.for, collegeCast)) : null,
      };
    });
    share = weightedShare(colleges);
  } else {
    share = cast > 0 ? ratio(counts.for, cast) : null;
  }
  return {
    ...counts,
    cast,
    forShare: share ? { num: share.num.toString(), den: share.den.toString() } : { num: '0', den: '1' },
    forPercent: share ? percent(share) : null,
    colleges,
    // Nothing cast adopts nothing.
    adopted: share !== null && clears(share, rules.majority[kind]),
  };
}

export interface QuorumResult {
  /** Voters present, voting remotely or represented by a proxy, each counted once. */
  heads: number;
  voters: number;
  required: number;
  reached: boolean;
}

/** Quorum by heads against the frozen voter list. */
export function quorum(
  heads: number,
  voters: number,
  kind: AssemblyKind,
  convocation: Convocation,
  rules: VotingRules,
): QuorumResult {
  const threshold = rules.quorum[kind][convocation];
  if (!threshold) return { heads, voters, required: 0, reached: true };
  // The smallest head count that clears the threshold, in integers: heads/voters ≥ num/den.
  const product = BigInt(voters) * BigInt(threshold.num);
  const den = BigInt(threshold.den);
  const required = Number(threshold.strict ? product / den + 1n : (product + den - 1n) / den);
  const reached = voters > 0 && clears(ratio(heads, voters), threshold);
  return { heads, voters, required, reached };
}
