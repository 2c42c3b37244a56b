/**
 * Ranked ballots in the BLT format that OpenSTV, OpaVote and most STV and IRV counting programs
 * read, for anyone to count a ranked-choice poll independently: a line with the number of
 * candidates and of seats, one line per ballot (a weight, the candidates in order of
 * preference numbered from 1, then 0), a 0, each candidate's name in quotes, the title in quotes.
 * Identical rankings are written once with their number as the weight, largest first: the file
 * keeps neither a voter nor the order ballots arrived in.
 */
const quoted = (text: string) => `"${text.replace(/[\r\n]+/g, ' ').replace(/"/g, "''")}"`;

export function toBlt(title: string, candidates: string[], rankings: number[][], seats = 1): string {
  const weights = new Map<string, number>();
  for (const ranking of rankings) {
    const key = ranking.map((option) => option + 1).join(' ');
    weights.set(key, (weights.get(key) ?? 0) + 1);
  }
  const ballots = [...weights]
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .map(([ranking, weight]) => (ranking ? `${weight} ${ranking} 0` : `${weight} 0`));
  return [`${candidates.length} ${seats}`, ...ballots, '0', ...candidates.map(quoted), quoted(title)].join('\n') + '\n';
}
