/**
 * The statutes' voting rules (quorum, majorities, colleges), with their defaults. The defaults are
 * those of the French SA form (Code de commerce L225-96 and L225-98), which SCOP SA and SCIC SA
 * statutes follow unless they say otherwise: ordinary AG quorum 1/5 of voters on first convocation
 * and none on second; extraordinary AG 1/4 then 1/5; ordinary majority more than half of the votes
 * cast, extraordinary at least two thirds. Abstentions, blank and null ballots are not votes cast
 * (Code de commerce L225-98 since 2019), unless the statutes count them (`abstentionsAreCast`).
 */
import { InvalidRequest } from '@notre-asso/plugin-kit';

export type AssemblyKind = 'ordinary' | 'extraordinary';
export type Convocation = 'first' | 'second';

/** A fraction of a whole; `strict` means the share must exceed it, else reach it. */
export interface Threshold {
  num: number;
  den: number;
  strict: boolean;
}

export interface VotingRules {
  /** Quorum by heads against the voter list, per kind and convocation; `null` is no quorum. */
  quorum: Record<AssemblyKind, Record<Convocation, Threshold | null>>;
  majority: Record<AssemblyKind, Threshold>;
  abstentionsAreCast: boolean;
  /** SCIC colleges: name → weight in percent; empty means one member one vote. */
  colleges: Record<string, number>;
}

export const defaultRules: VotingRules = {
  quorum: {
    ordinary: { first: { num: 1, den: 5, strict: false }, second: null },
    extraordinary: { first: { num: 1, den: 4, strict: false }, second: { num: 1, den: 5, strict: false } },
  },
  majority: {
    ordinary: { num: 1, den: 2, strict: true },
    extraordinary: { num: 2, den: 3, strict: false },
  },
  abstentionsAreCast: false,
  colleges: {},
};

/** Bounds of a college's weight in a SCIC (loi 47-1775 art. 19 octies): 10 % to 50 %. */
export const collegeWeightBounds = { min: 10, max: 50 } as const;

/**
 * Refuses college weights the law does not allow: whole percents, each between 10 and 50, summing
 * to 100. Called when the settings are read and again by the tally, so no weighted result is ever
 * computed on weights that were not checked.
 */
export function assertCollegeWeights(colleges: Record<string, number>): void {
  const entries = Object.entries(colleges);
  if (entries.length === 0) return;
  for (const [name, weight] of entries) {
    if (!Number.isInteger(weight) || weight < collegeWeightBounds.min || weight > collegeWeightBounds.max)
      throw new InvalidRequest(
        `Le poids du collège « ${name} » (${weight} %) doit être un nombre entier entre 10 et 50 %.`,
        `The weight of college "${name}" (${weight} %) must be a whole number between 10 and 50 %.`,
        { college: name, weight },
      );
  }
  const sum = entries.reduce((total, [, weight]) => total + weight, 0);
  if (sum !== 100)
    throw new InvalidRequest(
      `Les poids des collèges doivent faire 100 % au total, ils font ${sum} %.`,
      `College weights must add up to 100 %, they add up to ${sum} %.`,
      { sum },
    );
}

/** Rules merged over the defaults, checked. */
export function rulesFrom(overrides: Partial<VotingRules> = {}): VotingRules {
  const rules = { ...defaultRules, ...overrides };
  assertCollegeWeights(rules.colleges);
  return rules;
}
