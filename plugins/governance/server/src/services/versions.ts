/**
 * A resolution's text has versions (number, text, who, when, why, and the line diff from the one
 * before); the resolution row holds the current text. The text changes only before the vote
 * opens, so the version voted on is the last one at the opening, for every ballot alike.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { diffLines } from 'diff';
import { Conflict } from '@notre-asso/plugin-kit';
import { NoSuchResolution } from '../errors';
import { TABLE, UID } from '../store';
import { assertBoard, type Voter } from '../voter';
import { peopleByIds } from './people';
import { stateAt, validate, yup } from './validation';
import { findAssembly, type AssemblyRow } from './voter-list';

/** One line of a diff: kept (' '), removed ('-') or added ('+'). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  line: string;
}

export function lineDiff(before: string, after: string): DiffLine[] {
  return diffLines(before, after).flatMap((part) => {
    const op: DiffLine['op'] = part.added ? '+' : part.removed ? '-' : ' ';
    return part.value
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => ({ op, line }));
  });
}

export interface NewVersion {
  resolution: string;
  text: string;
  authorId: number;
  reason?: string | null;
  amendment?: string | null;
}

/** Writes the next version and makes it the resolution's text, in the caller's transaction. */
export async function recordVersion(strapi: Core.Strapi, trx: Knex.Transaction, version: NewVersion) {
  const knex = strapi.db.connection;
  const last = (await knex(TABLE.version)
    .transacting(trx)
    .where({ resolution: version.resolution })
    .orderBy('number', 'desc')
    .first('number', 'text')) as { number: number; text: string } | undefined;
  const number = (last?.number ?? 0) + 1;
  await knex(TABLE.version)
    .transacting(trx)
    .insert({
      resolution: version.resolution,
      number,
      text: version.text,
      author_id: version.authorId,
      reason: version.reason ?? null,
      amendment: version.amendment ?? null,
      diff: last ? JSON.stringify(lineDiff(last.text, version.text)) : null,
      created_at: new Date(),
    });
  await strapi.db
    .query(UID.resolution)
    .update({ where: { documentId: version.resolution }, data: { text: version.text } as never });
  return number;
}

interface ResolutionWithAssembly {
  documentId: string;
  position: number;
  title: string;
  text: string;
  kind: 'ordinary' | 'extraordinary';
  assembly: { documentId: string } | null;
}

export async function findResolution(strapi: Core.Strapi, documentId: string) {
  const row = (await strapi.db.query(UID.resolution).findOne({
    where: { documentId },
    select: ['documentId', 'position', 'title', 'text', 'kind'],
    populate: { assembly: { select: ['documentId'] } },
  })) as ResolutionWithAssembly | null;
  if (!row?.assembly) throw new NoSuchResolution();
  return { resolution: row, assembly: await findAssembly(strapi, row.assembly.documentId) };
}

/** Agenda and texts are fixed once the vote opens: a voter must never see them change. */
export function assertBeforeVoting(assembly: AssemblyRow) {
  if (stateAt(assembly.votingOpensAt, assembly.votingClosesAt, new Date()) !== 'upcoming')
    throw new Conflict(
      'Le vote est ouvert : l’ordre du jour et les textes ne changent plus.',
      'Voting has opened: the agenda and the texts can no longer change.',
    );
}

async function historyOf(strapi: Core.Strapi, resolution: string) {
  const rows = (await strapi.db
    .connection(TABLE.version)
    .where({ resolution })
    .orderBy('number', 'asc')
    .select('number', 'text', 'author_id', 'reason', 'amendment', 'diff', 'created_at')) as Array<{
    number: number;
    text: string;
    author_id: number;
    reason: string | null;
    amendment: string | null;
    diff: string | null;
    created_at: string | Date;
  }>;
  const people = await peopleByIds(
    strapi,
    rows.map((r) => r.author_id),
  );
  return rows.map((r) => ({
    number: r.number,
    text: r.text,
    by: people.get(r.author_id) ?? null,
    at: new Date(r.created_at).toISOString(),
    reason: r.reason,
    amendment: r.amendment,
    diff: r.diff ? (JSON.parse(r.diff) as DiffLine[]) : null,
  }));
}

/** The current text, every version before it, and once the vote opens the version voted on. */
export async function getResolution(strapi: Core.Strapi, documentId: string) {
  const { resolution, assembly } = await findResolution(strapi, documentId);
  const versions = await historyOf(strapi, documentId);
  const state = stateAt(assembly.votingOpensAt, assembly.votingClosesAt, new Date());
  return {
    ...resolution,
    assembly: assembly.documentId,
    version: versions.length,
    votedVersion: state === 'upcoming' ? null : versions.length,
    versions,
  };
}

const textSchema = yup.object({
  text: yup.string().trim().min(1).max(50000).required('text is required'),
  reason: yup.string().trim().min(3).max(2000).required('reason is required (why the text changes)'),
});

export async function changeText(strapi: Core.Strapi, voter: Voter, documentId: string, body: unknown) {
  assertBoard(voter);
  const { text, reason } = await validate<{ text: string; reason: string }>(textSchema, body);
  const { assembly } = await findResolution(strapi, documentId);
  await strapi.db.transaction(async ({ trx }) => {
    assertBeforeVoting(assembly);
    await recordVersion(strapi, trx, { resolution: documentId, text, authorId: voter.profileId, reason });
  });
  return getResolution(strapi, documentId);
}
