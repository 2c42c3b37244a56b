/** Polls as the members' votes page reads them (`/api/governance/polls`), and a ballot from its form. */

export type PollMethod = 'single' | 'multiple' | 'approval' | 'ranked' | 'judgement';

export interface Poll {
  documentId: string;
  question: string;
  description: string | null;
  options: string[];
  method: PollMethod;
  maxChoices: number | null;
  closesAt: string;
  state: 'upcoming' | 'open' | 'closed';
  voted: boolean;
  /** A public poll shows who voted what with its results. */
  secret: boolean;
}

export interface PollResults {
  final: boolean;
  result: {
    ballots: number;
    winners: number[];
    options?: Array<{ option: number; votes: number }>;
  };
  /** Who voted what, for a public poll only. */
  votes: Array<{ voter: { displayName: string } | null; choices: number[] }> | null;
}

/** Grades of majority judgement, worst first, as the CMS numbers them. */
export const gradeCount = 6;

/**
 * The ballot a vote form carries: option numbers (ticked, or ordered by the rank given to each),
 * or one grade per option; `null` when the same rank is given twice.
 */
export function ballotFrom(form: FormData, poll: Pick<Poll, 'method' | 'options'>): number[] | null {
  const number = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
  };
  if (poll.method === 'judgement') return poll.options.map((_, i) => number(`grade-${i}`) ?? 0);
  if (poll.method === 'ranked') {
    const ranked = poll.options
      .map((_, option) => ({ option, rank: number(`rank-${option}`) }))
      .filter((r): r is { option: number; rank: number } => r.rank !== null);
    if (new Set(ranked.map((r) => r.rank)).size !== ranked.length) return null;
    return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.option);
  }
  return form
    .getAll('choice')
    .map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : -1))
    .filter((v) => v >= 0);
}
