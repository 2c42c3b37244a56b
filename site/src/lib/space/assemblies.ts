/** General assemblies as their page reads them from the governance plugin (`/api/governance/assemblies/…`). */

export type VotingState = 'upcoming' | 'open' | 'closed';
export type ResolutionChoice = 'for' | 'against' | 'abstain';
export const resolutionChoices: ResolutionChoice[] = ['for', 'against', 'abstain'];

export interface Person {
  documentId: string;
  displayName: string;
}

export interface Assembly {
  documentId: string;
  title: string;
  kind: 'ordinary' | 'extraordinary';
  date: string;
  place: string | null;
  link: string | null;
  convocation: 'first' | 'second';
  votingOpensAt: string;
  votingClosesAt: string;
  draftingOpensAt: string | null;
  draftingClosesAt: string | null;
  recordDate: string;
  state: VotingState;
  resolutions: Array<{ documentId: string; position: number; title: string }>;
}

/** Members I may give my proxy to, as the directory shows them (`/assemblies/:id/proxy-holders`). */
export interface ProxyHolders {
  holders: Array<Person & { collectives: string[] }>;
  total: number;
  page: number;
  pageSize: number;
  cap: number;
}

export interface Standing {
  onList: boolean;
  frozen: boolean;
  recordDate: string;
  college: string | null;
  votedOn: string[];
  proxies: { givenTo: Person | null; held: Person[] };
  /** The ballots I cast with the proxies I hold: giver's profile documentId, resolution's documentId. */
  votedByProxy: Array<{ giver: string | null; resolution: string }>;
}

export interface Version {
  number: number;
  by: Person | null;
  at: string;
  reason: string | null;
  amendment: string | null;
  diff: Array<{ op: ' ' | '-' | '+'; line: string }> | null;
}

export interface Resolution {
  documentId: string;
  position: number;
  title: string;
  text: string;
  kind: 'ordinary' | 'extraordinary';
  versions: Version[];
}

export interface Proposal {
  id: string;
  kind: 'resolution' | 'amendment';
  resolution: string | null;
  title: string | null;
  text: string;
  reason: string | null;
  by: Person | null;
  at: string | null;
  state: 'open' | 'accepted' | 'rejected' | 'put-to-vote';
  supports: number;
  supported: boolean;
  supporters: Array<{ by: Person | null; at: string | null }>;
  comments: Array<{ id: number; by: Person | null; at: string | null; text: string }>;
}

export interface Drafting {
  drafting: VotingState | null;
  draftingOpensAt: string | null;
  draftingClosesAt: string | null;
  proposals: Proposal[];
}

export interface AssemblyResults {
  quorum: { heads: number; voters: number; required: number; reached: boolean };
  resolutions: Array<
    Record<ResolutionChoice, number> & { documentId: string; forPercent: string | null; adopted: boolean }
  >;
}
