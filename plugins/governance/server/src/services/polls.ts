/**
 * Polls: the board creates them; members of the poll's audience vote once, secretly; results
 * show when the poll's visibility allows, and are stored at the first count after close so a
 * recount can check them against the ballots.
 */
import type { Core } from '@strapi/strapi';
import { Conflict, NotAllowed } from '@notre-asso/plugin-kit';
import { NoSuchPoll, ResultsNotVisible, VotingClosed, VotingNotOpen } from '../errors';
import {
  ballotsOf,
  castBallot,
  hasParticipated,
  inTransaction,
  receiptHashesOf,
  TABLE,
  UID,
  type Subject,
} from '../store';
import { assertBallot, pollMethods, sameResult, tallyPoll, toBlt, type PollMethod, type PollResult } from '../tally';
import { assertBoard, type Voter } from '../voter';
import { peopleByIds } from './people';
import { stateAt, validate, withoutInternals, yup, type VoteState } from './validation';

export const visibilities = ['live', 'after-vote', 'after-close'] as const;
export type Visibility = (typeof visibilities)[number];

export interface PollRow {
  id: number;
  documentId: string;
  question: string;
  description: string | null;
  options: string[];
  method: PollMethod;
  maxChoices: number | null;
  audience: 'all' | 'collective' | 'college' | 'board';
  audienceRef: string | null;
  opensAt: string;
  closesAt: string;
  secret: boolean;
  resultsVisibility: Visibility;
  result: PollResult | null;
}

const subjectOf = (poll: { documentId: string }): Subject => `poll:${poll.documentId}`;

const pollSchema = yup.object({
  question: yup.string().trim().min(3).max(300).required(),
  description: yup.string().max(5000).nullable(),
  options: yup.array(yup.string().trim().min(1).max(200).required()).min(2).max(50).required(),
  method: yup
    .string()
    .oneOf([...pollMethods])
    .required(),
  maxChoices: yup.number().integer().min(1).nullable(),
  audience: yup.string().oneOf(['all', 'collective', 'college', 'board']).default('all'),
  audienceRef: yup
    .string()
    .max(64)
    .nullable()
    .when('audience', {
      is: (a: string) => a === 'collective' || a === 'college',
      then: (s) => s.required('audienceRef (the collective or college) is required for this audience'),
    }),
  opensAt: yup.date().required(),
  closesAt: yup.date().required().min(yup.ref('opensAt'), 'closesAt must be after opensAt'),
  secret: yup.boolean().default(true),
  resultsVisibility: yup
    .string()
    .oneOf([...visibilities])
    .default('after-close'),
});

export async function findPoll(strapi: Core.Strapi, documentId: string): Promise<PollRow> {
  const poll = (await strapi.db.query(UID.poll).findOne({ where: { documentId } })) as PollRow | null;
  if (!poll) throw new NoSuchPoll();
  return poll;
}

export function inAudience(voter: Voter, poll: PollRow): boolean {
  switch (poll.audience) {
    case 'collective':
      return voter.collectives.includes(poll.audienceRef ?? '');
    case 'college':
      return voter.college !== null && voter.college === poll.audienceRef;
    case 'board':
      return voter.board;
    default:
      return true;
  }
}

/** A poll out of the viewer's audience looks like no poll at all (the board sees every poll). */
async function reachablePoll(strapi: Core.Strapi, voter: Voter, documentId: string) {
  const poll = await findPoll(strapi, documentId);
  if (!inAudience(voter, poll) && !voter.board) throw new NoSuchPoll();
  return poll;
}

function view(poll: PollRow, state: VoteState, voted: boolean) {
  const fields = withoutInternals(poll);
  return { ...fields, state, voted, eligible: true };
}

export async function createPoll(strapi: Core.Strapi, voter: Voter, body: unknown) {
  assertBoard(voter);
  const data = await validate<Record<string, unknown>>(pollSchema, body);
  if (data.method === 'multiple' && data.maxChoices == null) data.maxChoices = (data.options as string[]).length;
  const created = (await strapi.documents(UID.poll).create({ data: data as never })) as unknown as PollRow;
  return view(
    await findPoll(strapi, created.documentId),
    stateAt(created.opensAt, created.closesAt, new Date()),
    false,
  );
}

const tightness: Record<Visibility, number> = { live: 0, 'after-vote': 1, 'after-close': 2 };

/**
 * Before a poll opens, the board may change anything; once it is open, only make its results
 * visibility stricter — relaxing it, or changing the question under voters' feet, is refused.
 */
export async function updatePoll(strapi: Core.Strapi, voter: Voter, documentId: string, body: unknown) {
  assertBoard(voter);
  const poll = await findPoll(strapi, documentId);
  const now = new Date();
  if (stateAt(poll.opensAt, poll.closesAt, now) === 'upcoming') {
    const data = await validate<Record<string, unknown>>(pollSchema, {
      ...view(poll, 'upcoming', false),
      ...(body as object),
    });
    await strapi.documents(UID.poll).update({ documentId, data: data as never });
  } else {
    const others = Object.keys(body as object).filter((k) => k !== 'resultsVisibility');
    if (others.length > 0)
      throw new Conflict(
        `Le sondage est ouvert : seule la visibilité des résultats peut encore être restreinte (refusé : ${others.join(', ')}).`,
        `The poll is open: only its results visibility may still be tightened (refused: ${others.join(', ')}).`,
      );
    const { resultsVisibility } = await validate<{ resultsVisibility: Visibility }>(
      yup.object({
        resultsVisibility: yup
          .string()
          .oneOf([...visibilities])
          .required(),
      }),
      body,
    );
    if (resultsVisibility && tightness[resultsVisibility] < tightness[poll.resultsVisibility])
      throw new Conflict(
        `Le sondage est ouvert : la visibilité des résultats peut être restreinte, jamais élargie (${poll.resultsVisibility} → ${resultsVisibility}).`,
        `The poll is open: results visibility may be tightened, never relaxed (${poll.resultsVisibility} → ${resultsVisibility}).`,
      );
    if (resultsVisibility)
      await strapi.documents(UID.poll).update({ documentId, data: { resultsVisibility } as never });
  }
  const updated = await findPoll(strapi, documentId);
  return view(updated, stateAt(updated.opensAt, updated.closesAt, new Date()), false);
}

/** The polls the voter may see; with `openAt`, only those open at that time. */
export async function listPolls(strapi: Core.Strapi, voter: Voter, openAt?: Date) {
  const polls = (await strapi.db.query(UID.poll).findMany({
    where: openAt ? { opensAt: { $lte: openAt }, closesAt: { $gt: openAt } } : {},
    orderBy: [{ closesAt: 'desc' }, { id: 'desc' }],
  })) as PollRow[];
  const mine = polls.filter((p) => inAudience(voter, p));
  const now = new Date();
  return Promise.all(
    mine.map(async (p) =>
      view(p, stateAt(p.opensAt, p.closesAt, now), await hasParticipated(strapi, subjectOf(p), voter.profileId)),
    ),
  );
}

export async function getPoll(strapi: Core.Strapi, voter: Voter, documentId: string) {
  const poll = await reachablePoll(strapi, voter, documentId);
  const voted = await hasParticipated(strapi, subjectOf(poll), voter.profileId);
  return { ...view(poll, stateAt(poll.opensAt, poll.closesAt, new Date()), voted), eligible: inAudience(voter, poll) };
}

export function assertOpen(opensAt: string, closesAt: string, now: Date) {
  const state = stateAt(opensAt, closesAt, now);
  if (state === 'upcoming') throw new VotingNotOpen(new Date(opensAt).toISOString());
  if (state === 'closed') throw new VotingClosed(new Date(closesAt).toISOString());
}

export async function votePoll(strapi: Core.Strapi, voter: Voter, documentId: string, body: unknown) {
  const { choices } = await validate<{ choices: unknown }>(
    yup.object({ choices: yup.mixed().required('choices is required') }),
    body,
  );
  const poll = await reachablePoll(strapi, voter, documentId);
  if (!inAudience(voter, poll))
    throw new NotAllowed(
      'Ce sondage s’adresse à d’autres membres que vous.',
      'This poll is for other members than you.',
    );
  assertBallot(poll, choices);
  const receipt = await inTransaction(strapi, async (trx) => {
    // The time is read when the ballot is written: a page loaded before the close does not help.
    assertOpen(poll.opensAt, poll.closesAt, new Date());
    return castBallot(strapi, trx, {
      subject: subjectOf(poll),
      voterId: voter.profileId,
      actedBy: voter.profileId,
      choice: choices,
      public: !poll.secret,
    });
  });
  return { receipt };
}

async function count(strapi: Core.Strapi, poll: PollRow): Promise<PollResult> {
  const ballots = await ballotsOf(strapi, subjectOf(poll));
  return tallyPoll(
    poll,
    ballots.map((b) => b.choice as number[]),
  );
}

/**
 * The stored result of a closed poll, counted at the first request after close. No ballot can
 * arrive after close, so two first requests racing count the same thing; only the first stores it.
 */
export async function storedPollResult(strapi: Core.Strapi, poll: PollRow): Promise<PollResult> {
  if (poll.result) return poll.result;
  const result = await count(strapi, poll);
  await strapi.db
    .query(UID.poll)
    .update({ where: { id: poll.id, result: { $null: true } }, data: { result } as never });
  return (await findPoll(strapi, poll.documentId)).result ?? result;
}

export async function pollResults(strapi: Core.Strapi, voter: Voter, documentId: string) {
  const poll = await reachablePoll(strapi, voter, documentId);
  const state = stateAt(poll.opensAt, poll.closesAt, new Date());
  const subject = subjectOf(poll);
  if (state !== 'closed') {
    if (poll.resultsVisibility === 'after-close')
      throw new ResultsNotVisible(
        'Les résultats seront visibles à la clôture du vote.',
        'Results will be shown when voting closes.',
      );
    if (poll.resultsVisibility === 'after-vote' && !(await hasParticipated(strapi, subject, voter.profileId)))
      throw new ResultsNotVisible(
        'Les résultats sont visibles une fois votre vote exprimé.',
        'Results are shown once you have voted.',
      );
    return { state, final: false, result: await count(strapi, poll), votes: await publicVotes(strapi, poll) };
  }
  return {
    state,
    final: true,
    result: await storedPollResult(strapi, poll),
    receipts: await receiptHashesOf(strapi, subject),
    votes: await publicVotes(strapi, poll),
  };
}

/**
 * Who voted what, shown with the results of a public poll (to whoever may see its results);
 * a secret poll's choices are stored apart from the voters and never shown by name.
 */
async function publicVotes(strapi: Core.Strapi, poll: PollRow) {
  if (poll.secret) return null;
  const rows = (await strapi.db
    .connection(TABLE.participation)
    .where({ subject: subjectOf(poll) })
    .whereNotNull('public_choice')
    .select('voter_id', 'public_choice')) as Array<{ voter_id: number; public_choice: string }>;
  const people = await peopleByIds(
    strapi,
    rows.map((r) => r.voter_id),
  );
  return rows
    .map((r) => ({ voter: people.get(r.voter_id) ?? null, choices: JSON.parse(r.public_choice) as number[] }))
    .sort((a, b) => (a.voter?.displayName ?? '').localeCompare(b.voter?.displayName ?? ''));
}

/** Counts a closed poll again from its ballots and says whether that gives the stored result. */
export async function recountPoll(strapi: Core.Strapi, voter: Voter, documentId: string) {
  assertBoard(voter);
  const poll = await findPoll(strapi, documentId);
  if (stateAt(poll.opensAt, poll.closesAt, new Date()) !== 'closed')
    throw new Conflict('Un recomptage se fait après la clôture.', 'A recount is done after voting closes.');
  const stored = await storedPollResult(strapi, poll);
  const recounted = await count(strapi, poll);
  return { matches: sameResult(stored, recounted), stored, recounted };
}

/**
 * A closed ranked-choice poll's ballots in the BLT format, for independent counting: whoever may
 * see the poll gets them once it is closed, as they get its results; no voter is in the file.
 */
export async function pollBlt(strapi: Core.Strapi, voter: Voter, documentId: string): Promise<string> {
  const poll = await reachablePoll(strapi, voter, documentId);
  if (poll.method !== 'ranked')
    throw new Conflict(
      'Seul un sondage à classement (vote préférentiel) s’exporte au format BLT.',
      'Only a ranked-choice poll exports to the BLT format.',
    );
  if (stateAt(poll.opensAt, poll.closesAt, new Date()) !== 'closed')
    throw new ResultsNotVisible(
      'Les bulletins s’exportent à la clôture du vote.',
      'Ballots are exported once voting has closed.',
    );
  const ballots = await ballotsOf(strapi, subjectOf(poll));
  return toBlt(
    poll.question,
    poll.options,
    ballots.map((b) => b.choice as number[]),
  );
}
