/**
 * General assemblies (AG): the board convenes them and orders their resolutions; members on the
 * frozen voter list vote For / Against / Abstain during the remote-voting window, for themselves
 * or with a proxy; after the close, the result (quorum by heads, each resolution's majority) is
 * counted once, stored, and can be recounted from the ballots.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { Conflict, InvalidRequest, NotFound } from '@notre-asso/plugin-kit';
import { NoSuchResolution, NotAVoter, ResultsNotVisible } from '../errors';
import { rulesOf } from '../rules';
import { ballotsOf, castBallot, inTransaction, receiptHashesOf, TABLE, UID, type Subject } from '../store';
import { countChoices, quorum, resolutionChoices, sameResult, tallyResolution, type ResolutionChoice } from '../tally';
import { assertBoard, type Voter } from '../voter';
import { assertOpen } from './polls';
import { peopleByIds } from './people';
import { lockProxy, proxiesOf } from './proxies';
import { inTheRoom, roomBallots } from './room';
import { stateAt, validate, withoutInternals, yup } from './validation';
import { assertBeforeVoting, recordVersion } from './versions';
import { findAssembly, isOnList, listedVoter, withFrozenList, type AssemblyRow } from './voter-list';

interface ResolutionRow {
  id: number;
  documentId: string;
  position: number;
  title: string;
  text: string;
  kind: 'ordinary' | 'extraordinary';
  assembly?: { documentId: string } | null;
}

const subjectOf = (resolution: { documentId: string }): Subject => `resolution:${resolution.documentId}`;

const assemblySchema = yup.object({
  title: yup.string().trim().min(3).max(300).required(),
  kind: yup.string().oneOf(['ordinary', 'extraordinary']).required(),
  date: yup.date().required(),
  place: yup.string().max(300).nullable(),
  link: yup.string().url().max(500).nullable(),
  convocation: yup.string().oneOf(['first', 'second']).default('first'),
  votingOpensAt: yup.date().required(),
  votingClosesAt: yup.date().required().min(yup.ref('votingOpensAt'), 'votingClosesAt must be after votingOpensAt'),
  draftingOpensAt: yup.date().nullable(),
  draftingClosesAt: yup
    .date()
    .nullable()
    .when('draftingOpensAt', {
      is: (opens: unknown) => opens != null,
      then: (s) =>
        s
          .required('draftingClosesAt is required with draftingOpensAt')
          .min(yup.ref('draftingOpensAt'), 'draftingClosesAt must be after draftingOpensAt')
          .max(yup.ref('votingOpensAt'), 'draftingClosesAt must be before votingOpensAt'),
    }),
  recordDate: yup
    .string()
    .matches(/^\d{4}-\d{2}-\d{2}$/, 'recordDate must be a day (YYYY-MM-DD)')
    .required(),
  documents: yup.array(yup.string().trim().max(64).required()).max(50).nullable(),
});

const resolutionSchema = yup.object({
  title: yup.string().trim().min(3).max(300).required(),
  text: yup.string().trim().min(1).max(50000).required(),
  kind: yup.string().oneOf(['ordinary', 'extraordinary']).required(),
});

async function resolutionsOf(strapi: Core.Strapi, assemblyId: string): Promise<ResolutionRow[]> {
  return (await strapi.db.query(UID.resolution).findMany({
    where: { assembly: { documentId: assemblyId } },
    select: ['id', 'documentId', 'position', 'title', 'text', 'kind'],
    orderBy: [{ position: 'asc' }],
  })) as ResolutionRow[];
}

function view(assembly: AssemblyRow, now = new Date()) {
  const fields = withoutInternals(assembly);
  return { ...fields, state: stateAt(assembly.votingOpensAt, assembly.votingClosesAt, now) };
}

async function assertDocumentsExist(strapi: Core.Strapi, ids: string[]) {
  if (!ids.length) return;
  const found = (await strapi.db
    .query('api::document.document')
    .findMany({ where: { documentId: { $in: ids } }, select: ['documentId'] })) as Array<{ documentId: string }>;
  const missing = ids.filter((id) => !found.some((f) => f.documentId === id));
  if (missing.length)
    throw new InvalidRequest(
      `Requête invalide : documents inconnus ${missing.join(', ')}`,
      `Invalid request: unknown documents ${missing.join(', ')}`,
    );
}

export async function createAssembly(strapi: Core.Strapi, voter: Voter, body: unknown) {
  assertBoard(voter);
  const data = await validate<Record<string, unknown>>(assemblySchema, body);
  await assertDocumentsExist(strapi, (data.documents ?? []) as string[]);
  const created = (await strapi.documents(UID.assembly).create({ data: data as never })) as unknown as {
    documentId: string;
  };
  return view(await findAssembly(strapi, created.documentId));
}

export interface NewResolution {
  title: string;
  text: string;
  kind: 'ordinary' | 'extraordinary';
}

/** A resolution at the end of the agenda, with its text as version 1, in the caller's transaction. */
export async function appendResolution(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  assemblyId: string,
  data: NewResolution,
  authorId: number,
  reason?: string | null,
) {
  const position = (await resolutionsOf(strapi, assemblyId)).length + 1;
  const created = (await strapi.documents(UID.resolution).create({
    data: { ...data, position, assembly: assemblyId } as never,
  })) as unknown as ResolutionRow;
  await recordVersion(strapi, trx, { resolution: created.documentId, text: data.text, authorId, reason });
  return { documentId: created.documentId, position, ...data };
}

/** Resolutions are set before the vote opens: a voter must never see the agenda change. */
export async function addResolution(strapi: Core.Strapi, voter: Voter, assemblyId: string, body: unknown) {
  assertBoard(voter);
  const assembly = await findAssembly(strapi, assemblyId);
  const data = await validate<NewResolution>(resolutionSchema, body);
  return strapi.db.transaction(async ({ trx }) => {
    assertBeforeVoting(assembly);
    return appendResolution(strapi, trx, assemblyId, data, voter.profileId);
  });
}

export async function listAssemblies(strapi: Core.Strapi) {
  const rows = (await strapi.db
    .query(UID.assembly)
    .findMany({ orderBy: [{ date: 'desc' }, { id: 'desc' }] })) as AssemblyRow[];
  const now = new Date();
  return rows.map((a) => view(a, now));
}

export async function getAssembly(strapi: Core.Strapi, assemblyId: string) {
  const assembly = await findAssembly(strapi, assemblyId);
  return { ...view(assembly), resolutions: (await resolutionsOf(strapi, assemblyId)).map(({ id: _id, ...r }) => r) };
}

/** Whether I am on the voter list (provisionally until the record date), my proxies, what I have voted. */
export async function myStanding(strapi: Core.Strapi, voter: Voter, assemblyId: string) {
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  const voted = (await strapi.db
    .connection(TABLE.participation)
    .where({ assembly: assemblyId, voter_id: voter.profileId })
    .select('subject')) as Array<{ subject: string }>;
  // What I cast with the proxies I hold, so the page offers only the ballots still to cast.
  const cast = (await strapi.db
    .connection(TABLE.participation)
    .where({ assembly: assemblyId, acted_by: voter.profileId })
    .whereNot({ voter_id: voter.profileId })
    .select('voter_id', 'subject')) as Array<{ voter_id: number; subject: string }>;
  const givers = await peopleByIds(
    strapi,
    cast.map((c) => c.voter_id),
  );
  const listed = assembly.voterListFrozenAt ? await listedVoter(strapi, assemblyId, voter.profileId) : null;
  return {
    onList: await isOnList(strapi, assembly, voter.profileId, voter.memberSince),
    // The college the member votes in: as frozen on the list, else their present one.
    college: listed ? listed.college : voter.college,
    frozen: Boolean(assembly.voterListFrozenAt),
    recordDate: assembly.recordDate,
    votedOn: voted.map((v) => v.subject.replace(/^resolution:/, '')),
    proxies: await proxiesOf(strapi, assemblyId, voter.profileId),
    votedByProxy: cast.map((c) => ({
      giver: givers.get(c.voter_id)?.documentId ?? null,
      resolution: c.subject.replace(/^resolution:/, ''),
    })),
  };
}

const ballotSchema = yup.object({
  choice: yup
    .string()
    .oneOf([...resolutionChoices], 'choice must be one of for, against, abstain')
    .required('choice is required (for, against, abstain)'),
  // The giver's member profile documentId, when voting with their proxy.
  onBehalfOf: yup.string().nullable(),
});

export async function voteResolution(strapi: Core.Strapi, voter: Voter, resolutionId: string, body: unknown) {
  const { choice, onBehalfOf } = await validate<{ choice: ResolutionChoice; onBehalfOf?: string | null }>(
    ballotSchema,
    body,
  );
  const resolution = (await strapi.db.query(UID.resolution).findOne({
    where: { documentId: resolutionId },
    select: ['id', 'documentId'],
    populate: { assembly: { select: ['documentId'] } },
  })) as ResolutionRow | null;
  if (!resolution?.assembly) throw new NoSuchResolution();
  const assemblyId = resolution.assembly.documentId;
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  if (!assembly.voterListFrozenAt)
    throw new Conflict('La liste des votants n’est pas encore arrêtée.', 'The voter list is not frozen yet.');
  let giverId = voter.profileId;
  if (onBehalfOf) {
    const giver = (await strapi.db
      .query(UID.profile)
      .findOne({ where: { documentId: onBehalfOf }, select: ['id'] })) as {
      id: number;
    } | null;
    if (!giver) throw new NotFound('Ce membre n’existe pas.', 'No such member.');
    giverId = giver.id;
  }
  const listed = await listedVoter(strapi, assemblyId, giverId);
  if (!listed)
    throw onBehalfOf
      ? new NotAVoter('Ce membre n’est pas sur la liste des votants.', 'This member is not on the voter list.')
      : new NotAVoter();
  const receipt = await inTransaction(strapi, async (trx) => {
    if (giverId !== voter.profileId) await lockProxy(strapi, trx, assemblyId, giverId, voter.profileId);
    assertOpen(assembly.votingOpensAt, assembly.votingClosesAt, new Date());
    return castBallot(strapi, trx, {
      subject: subjectOf(resolution),
      voterId: giverId,
      actedBy: voter.profileId,
      assembly: assemblyId,
      choice,
      college: listed.college,
    });
  });
  return { receipt, byProxy: giverId !== voter.profileId };
}

/**
 * Heads for the quorum, each member once: those who cast a remote ballot (themselves or by
 * proxy), those present in the room, and those a present member represents.
 */
async function attendance(strapi: Core.Strapi, assemblyId: string) {
  const remote = (
    (await strapi.db.connection(TABLE.participation).where({ assembly: assemblyId }).distinct('voter_id')) as Array<{
      voter_id: number;
    }>
  ).map((r) => Number(r.voter_id));
  const { present, represented } = await inTheRoom(strapi, assemblyId);
  const heads = new Set([...remote, ...present, ...represented]).size;
  return { heads, remote: remote.length, present: present.length, represented: represented.length };
}

async function count(strapi: Core.Strapi, assembly: AssemblyRow) {
  const rules = rulesOf(strapi);
  const { heads, ...who } = await attendance(strapi, assembly.documentId);
  const q = { ...quorum(heads, assembly.voterCount ?? 0, assembly.kind, assembly.convocation, rules), ...who };
  const resolutions = [];
  for (const r of await resolutionsOf(strapi, assembly.documentId)) {
    const ballots = await ballotsOf(strapi, subjectOf(r));
    const room = await roomBallots(strapi, subjectOf(r));
    const tally = tallyResolution(
      [...ballots.map((b) => ({ choice: b.choice as ResolutionChoice, college: b.college })), ...room],
      r.kind,
      rules,
    );
    // Without quorum the assembly cannot decide: nothing is adopted.
    resolutions.push({
      documentId: r.documentId,
      position: r.position,
      kind: r.kind,
      ...tally,
      inRoom: countChoices(room),
      adopted: q.reached && tally.adopted,
    });
  }
  return { quorum: q, resolutions };
}

export type AssemblyResult = Awaited<ReturnType<typeof count>>;

/** Counted once at the first request after close, like a poll's (see storedPollResult). */
export async function storedResult(strapi: Core.Strapi, assembly: AssemblyRow): Promise<AssemblyResult> {
  if (assembly.result) return assembly.result as AssemblyResult;
  const result = await count(strapi, assembly);
  await strapi.db
    .query(UID.assembly)
    .update({ where: { id: assembly.id, result: { $null: true } }, data: { result } as never });
  return ((await findAssembly(strapi, assembly.documentId)).result as AssemblyResult | null) ?? result;
}

export async function closedAssembly(strapi: Core.Strapi, assemblyId: string) {
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  if (stateAt(assembly.votingOpensAt, assembly.votingClosesAt, new Date()) !== 'closed')
    throw new ResultsNotVisible(
      'Les résultats seront visibles à la clôture du vote.',
      'Results will be shown when voting closes.',
    );
  return assembly;
}

/** Secret ballots: results and the receipt hashes only after the close, for everyone alike. */
export async function assemblyResults(strapi: Core.Strapi, assemblyId: string) {
  const assembly = await closedAssembly(strapi, assemblyId);
  const result = await storedResult(strapi, assembly);
  const receipts: Record<string, string[]> = {};
  for (const r of result.resolutions)
    receipts[r.documentId] = await receiptHashesOf(strapi, `resolution:${r.documentId}`);
  return { ...result, receipts };
}

export async function recountAssembly(strapi: Core.Strapi, voter: Voter, assemblyId: string) {
  assertBoard(voter);
  const assembly = await closedAssembly(strapi, assemblyId);
  const stored = await storedResult(strapi, assembly);
  const recounted = await count(strapi, assembly);
  return { matches: sameResult(stored, recounted), stored, recounted };
}
