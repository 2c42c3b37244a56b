/**
 * The assembly in the room: the board records who is present (the attendance sheet, feuille de
 * présence) and, per resolution, the totals of the room's votes (show of hands or paper ballots).
 * They join the remote ballots in the tally and the quorum, once the remote vote is closed so
 * that nobody can vote twice: the room's totals may not exceed the members who can still vote
 * there — those present, and those they represent by proxy, who have cast no remote ballot on
 * that resolution (per college with colleges). Every recording is kept with who made it; a new
 * one replaces the totals and clears the stored result, counted again at the next request.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { Conflict, InvalidRequest } from '@notre-asso/plugin-kit';
import { NoSuchResolution } from '../errors';
import { rulesOf } from '../rules';
import { lockRows, TABLE, UID } from '../store';
import type { ResolutionBallot, ResolutionChoice } from '../tally';
import { assertBoard, type Voter } from '../voter';
import { peopleByIds } from './people';
import { stateAt, validate, yup } from './validation';
import { findAssembly, withFrozenList, type AssemblyRow } from './voter-list';

export interface RoomCounts {
  for: number;
  against: number;
  abstain: number;
}

/** The college key of a count row: '' when the statutes have no colleges. */
const NO_COLLEGE = '';

function assertRemoteVoteClosed(assembly: AssemblyRow) {
  if (!assembly.voterListFrozenAt)
    throw new Conflict('La liste des votants n’est pas encore arrêtée.', 'The voter list is not frozen yet.');
  if (stateAt(assembly.votingOpensAt, assembly.votingClosesAt, new Date()) !== 'closed')
    throw new Conflict(
      'Le vote à distance n’est pas clos : la salle vote après lui, pour que personne ne vote deux fois.',
      'Remote voting is not closed: the room votes after it, so that nobody votes twice.',
    );
}

const attendanceSchema = yup.object({
  // Members' profile documentIds or membership numbers, as read from the signed sheet.
  members: yup.array(yup.string().trim().max(64).required()).min(1).max(5000).required('members is required'),
});

/** Records members as present; each once (recording one again keeps the first record). */
export async function recordAttendance(strapi: Core.Strapi, voter: Voter, assemblyId: string, body: unknown) {
  assertBoard(voter);
  const { members } = await validate<{ members: string[] }>(attendanceSchema, body);
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, assemblyId));
  assertRemoteVoteClosed(assembly);
  const knex = strapi.db.connection;
  const profiles = (await knex(`${strapi.db.metadata.get(UID.profile).tableName} as p`)
    .join(`${TABLE.voter} as v`, (j) => j.on('v.profile_id', 'p.id').andOnVal('v.assembly', assemblyId))
    .where((q) => q.whereIn('p.document_id', members).orWhereIn('p.membership_number', members))
    .select('p.id as id', 'p.document_id as documentId', 'p.membership_number as number')) as Array<{
    id: number;
    documentId: string;
    number: string | null;
  }>;
  const unknown = members.filter((m) => !profiles.some((p) => p.documentId === m || p.number === m));
  if (unknown.length)
    throw new InvalidRequest(
      `Requête invalide : pas sur la liste des votants : ${unknown.join(', ')}`,
      `Invalid request: not on the voter list: ${unknown.join(', ')}`,
      { unknown },
    );
  const now = new Date();
  await strapi.db.transaction(async ({ trx }) => {
    await knex(TABLE.attendance)
      .transacting(trx)
      .insert(
        profiles.map((p) => ({
          assembly: assemblyId,
          profile_id: p.id,
          recorded_by: voter.profileId,
          recorded_at: now,
        })),
      )
      .onConflict(['assembly', 'profile_id'])
      .ignore();
    await clearResult(strapi, trx, assembly);
  });
  return attendanceOf(strapi, voter, assemblyId);
}

export async function attendanceOf(strapi: Core.Strapi, voter: Voter, assemblyId: string) {
  assertBoard(voter);
  await findAssembly(strapi, assemblyId);
  const rows = (await strapi.db
    .connection(TABLE.attendance)
    .where({ assembly: assemblyId })
    .orderBy('profile_id')
    .select('profile_id', 'recorded_by', 'recorded_at')) as Array<{
    profile_id: number;
    recorded_by: number;
    recorded_at: string | Date;
  }>;
  const people = await peopleByIds(
    strapi,
    rows.flatMap((r) => [r.profile_id, r.recorded_by]),
  );
  return {
    present: rows.map((r) => ({
      member: people.get(r.profile_id) ?? null,
      recordedBy: people.get(r.recorded_by)?.displayName ?? null,
      recordedAt: new Date(r.recorded_at).toISOString(),
    })),
  };
}

async function clearResult(strapi: Core.Strapi, trx: Knex.Transaction, assembly: AssemblyRow) {
  await strapi.db
    .connection(strapi.db.metadata.get(UID.assembly).tableName)
    .transacting(trx)
    .where({ id: assembly.id })
    .update({ result: null });
}

/** Present members, and the givers whose proxy a present member holds (they are represented). */
export async function inTheRoom(strapi: Core.Strapi, assemblyId: string, trx?: Knex.Transaction) {
  const q = (table: string) => {
    const query = strapi.db.connection(table);
    return trx ? query.transacting(trx) : query;
  };
  const present = (
    (await q(TABLE.attendance).where({ assembly: assemblyId }).select('profile_id')) as Array<{
      profile_id: number;
    }>
  ).map((r) => Number(r.profile_id));
  const proxies = (await q(TABLE.proxy).where({ assembly: assemblyId }).select('giver_id', 'holder_id')) as Array<{
    giver_id: number;
    holder_id: number;
  }>;
  const here = new Set(present);
  const represented = proxies.filter((p) => here.has(Number(p.holder_id))).map((p) => Number(p.giver_id));
  return { present, represented };
}

const count = yup.number().integer().min(0).max(1_000_000).required();
const countsSchema = yup.object({ for: count, against: count, abstain: count });

/** Records the room's totals for a resolution: `{for, against, abstain}`, or `{colleges: {code: {…}}}`. */
export async function recordRoomCount(strapi: Core.Strapi, voter: Voter, resolutionId: string, body: unknown) {
  assertBoard(voter);
  const resolution = (await strapi.db.query(UID.resolution).findOne({
    where: { documentId: resolutionId },
    select: ['id', 'documentId'],
    populate: { assembly: { select: ['documentId'] } },
  })) as { documentId: string; assembly: { documentId: string } | null } | null;
  if (!resolution?.assembly) throw new NoSuchResolution();
  const assembly = await withFrozenList(strapi, await findAssembly(strapi, resolution.assembly.documentId));
  assertRemoteVoteClosed(assembly);
  const colleges = Object.keys(rulesOf(strapi).colleges);
  const counts: Record<string, RoomCounts> = colleges.length
    ? await validate<{ colleges: Record<string, RoomCounts> }>(
        yup.object({
          colleges: yup
            .object(Object.fromEntries(colleges.map((c) => [c, countsSchema])))
            .required('colleges is required: the room’s totals per college'),
        }),
        body,
      ).then((b) => b.colleges)
    : { [NO_COLLEGE]: await validate<RoomCounts>(countsSchema, body) };
  const subject = `resolution:${resolutionId}`;
  const knex = strapi.db.connection;
  await strapi.db.transaction(async ({ trx }) => {
    await lockRows(strapi, trx, strapi.db.metadata.get(UID.assembly).tableName, { id: assembly.id });
    const eligible = await roomVoters(strapi, trx, assembly.documentId, subject);
    for (const [college, c] of Object.entries(counts)) {
      const total = c.for + c.against + c.abstain;
      const most = college === NO_COLLEGE ? eligible.size : [...eligible.values()].filter((v) => v === college).length;
      if (total > most)
        throw new InvalidRequest(
          `Requête invalide : ${total} votes en salle${college ? ` dans le collège « ${college} »` : ''}, mais seulement ${most} membres présents ou représentés n’ont pas voté à distance.`,
          `Invalid request: ${total} votes in the room${college ? ` in college "${college}"` : ''}, but only ${most} members present or represented have not voted remotely.`,
          { college: college || null, total, most },
        );
    }
    const last = (await knex(TABLE.roomCount).transacting(trx).where({ subject }).max({ n: 'revision' })) as Array<{
      n: number | null;
    }>;
    const revision = Number(last[0]?.n ?? 0) + 1;
    const now = new Date();
    await knex(TABLE.roomCount)
      .transacting(trx)
      .insert(
        Object.entries(counts).map(([college, c]) => ({
          subject,
          revision,
          college,
          for_count: c.for,
          against_count: c.against,
          abstain_count: c.abstain,
          recorded_by: voter.profileId,
          recorded_at: now,
        })),
      );
    await clearResult(strapi, trx, assembly);
  });
  return roomCountOf(strapi, voter, resolutionId);
}

/** Members who may vote in the room on this subject, with their college ('' without colleges). */
async function roomVoters(strapi: Core.Strapi, trx: Knex.Transaction, assemblyId: string, subject: string) {
  const { present, represented } = await inTheRoom(strapi, assemblyId, trx);
  const voted = new Set(
    (
      (await strapi.db
        .connection(TABLE.participation)
        .transacting(trx)
        .where({ subject })
        .select('voter_id')) as Array<{ voter_id: number }>
    ).map((r) => Number(r.voter_id)),
  );
  const ids = [...new Set([...present, ...represented])].filter((id) => !voted.has(id));
  const colleges = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await strapi.db
      .connection(TABLE.voter)
      .transacting(trx)
      .where({ assembly: assemblyId })
      .whereIn('profile_id', ids.slice(i, i + 500))
      .select('profile_id', 'college')) as Array<{ profile_id: number; college: string | null }>;
    for (const r of rows) colleges.set(Number(r.profile_id), r.college ?? NO_COLLEGE);
  }
  return colleges;
}

interface RoomRow {
  revision: number;
  college: string;
  for_count: number;
  against_count: number;
  abstain_count: number;
  recorded_by: number;
  recorded_at: string | Date;
}

/** The room's current totals as ballots for the tally (one per vote, with its college). */
export async function roomBallots(strapi: Core.Strapi, subject: string): Promise<ResolutionBallot[]> {
  const rows = await currentRows(strapi, subject);
  const ballots: ResolutionBallot[] = [];
  const add = (choice: ResolutionChoice, n: number, college: string) => {
    for (let i = 0; i < n; i += 1) ballots.push({ choice, college: college || null });
  };
  for (const r of rows) {
    add('for', Number(r.for_count), r.college);
    add('against', Number(r.against_count), r.college);
    add('abstain', Number(r.abstain_count), r.college);
  }
  return ballots;
}

async function currentRows(strapi: Core.Strapi, subject: string): Promise<RoomRow[]> {
  const all = (await strapi.db
    .connection(TABLE.roomCount)
    .where({ subject })
    .orderBy([{ column: 'revision' }, { column: 'college' }])
    .select()) as RoomRow[];
  const latest = Math.max(0, ...all.map((r) => Number(r.revision)));
  return all.filter((r) => Number(r.revision) === latest);
}

/** The room's totals now, and every recording before, with who made it (the audit trail). */
export async function roomCountOf(strapi: Core.Strapi, voter: Voter, resolutionId: string) {
  assertBoard(voter);
  const subject = `resolution:${resolutionId}`;
  const rows = (await strapi.db
    .connection(TABLE.roomCount)
    .where({ subject })
    .orderBy([{ column: 'revision' }, { column: 'college' }])
    .select()) as RoomRow[];
  if (!rows.length && !(await strapi.db.query(UID.resolution).findOne({ where: { documentId: resolutionId } })))
    throw new NoSuchResolution();
  const people = await peopleByIds(
    strapi,
    rows.map((r) => Number(r.recorded_by)),
  );
  const revisions = [...new Set(rows.map((r) => Number(r.revision)))].map((revision) => {
    const of = rows.filter((r) => Number(r.revision) === revision);
    return {
      revision,
      recordedBy: people.get(Number(of[0].recorded_by))?.displayName ?? null,
      recordedAt: new Date(of[0].recorded_at).toISOString(),
      counts: of.map((r) => ({
        college: r.college || null,
        for: Number(r.for_count),
        against: Number(r.against_count),
        abstain: Number(r.abstain_count),
      })),
    };
  });
  return { current: revisions.at(-1) ?? null, history: revisions };
}
