/**
 * Co-drafting (rédaction collaborative) of an assembly: during its drafting window, computed at
 * each request like the voting times, members on the voter list propose resolutions and
 * amendments to a resolution's current text, support them (once each, withdrawable) and comment.
 * Before the vote opens the board accepts an amendment into the text (a new version), rejects a
 * proposal with its reason, or puts it to the vote as its own agenda item. Every row says who and when.
 */
import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { Conflict, InvalidRequest, isUniqueViolation, NotFound } from '@notre-asso/plugin-kit';
import { NotAVoter } from '../errors';
import { TABLE } from '../store';
import { assertBoard, type Voter } from '../voter';
import { appendResolution } from './assemblies';
import { peopleByIds } from './people';
import { stateAt, validate, yup } from './validation';
import { assertBeforeVoting, findResolution, lineDiff, recordVersion } from './versions';
import { findAssembly, isOnList, type AssemblyRow } from './voter-list';

interface ProposalRow {
  id: string;
  assembly: string;
  kind: 'resolution' | 'amendment';
  resolution: string | null;
  title: string | null;
  resolution_kind: 'ordinary' | 'extraordinary' | null;
  text: string;
  reason: string | null;
  base_version: number | null;
  author_id: number;
  created_at: string | Date;
  state: 'open' | 'accepted' | 'rejected' | 'put-to-vote';
  decided_by: number | null;
  decided_at: string | Date | null;
  decision_reason: string | null;
  outcome: string | null;
}

export class DraftingClosed extends Conflict {
  constructor(assembly: AssemblyRow) {
    const opens = assembly.draftingOpensAt ? new Date(assembly.draftingOpensAt).toISOString() : null;
    const closes = assembly.draftingClosesAt ? new Date(assembly.draftingClosesAt).toISOString() : null;
    super(
      opens
        ? `La rédaction collaborative est ouverte du ${opens} au ${closes} seulement.`
        : 'Cette assemblée n’a pas de période de rédaction collaborative.',
      opens ? `Co-drafting is open from ${opens} to ${closes} only.` : 'This assembly has no co-drafting window.',
      { draftingOpensAt: opens, draftingClosesAt: closes },
    );
  }
}

/** Whether the drafting window is open now; refused otherwise, whatever the page showed. */
function assertDrafting(assembly: AssemblyRow) {
  const { draftingOpensAt, draftingClosesAt } = assembly;
  if (!draftingOpensAt || !draftingClosesAt || stateAt(draftingOpensAt, draftingClosesAt, new Date()) !== 'open')
    throw new DraftingClosed(assembly);
}

/** Those who may draft are those who vote: the voter list, provisional until the record date. */
async function assertDrafter(strapi: Core.Strapi, voter: Voter, assembly: AssemblyRow) {
  if (!(await isOnList(strapi, assembly, voter.profileId, voter.memberSince))) throw new NotAVoter();
}

async function findProposal(strapi: Core.Strapi, id: string): Promise<ProposalRow> {
  const row = (await strapi.db.connection(TABLE.proposal).where({ id }).first()) as ProposalRow | undefined;
  if (!row) throw new NotFound('Cette proposition n’existe pas.', 'No such proposal.');
  return row;
}

const iso = (at: string | Date | null) => (at ? new Date(at).toISOString() : null);

async function views(strapi: Core.Strapi, voter: Voter, rows: ProposalRow[]) {
  const ids = rows.map((r) => r.id);
  const supports = (await strapi.db
    .connection(TABLE.support)
    .whereIn('proposal', ids)
    .select('proposal', 'profile_id')) as Array<{ proposal: string; profile_id: number }>;
  const people = await peopleByIds(strapi, [
    ...rows.map((r) => r.author_id),
    ...rows.flatMap((r) => (r.decided_by ? [r.decided_by] : [])),
  ]);
  return rows.map((r) => {
    const mine = supports.filter((s) => s.proposal === r.id);
    return {
      id: r.id,
      kind: r.kind,
      assembly: r.assembly,
      resolution: r.resolution,
      baseVersion: r.base_version,
      title: r.title,
      resolutionKind: r.resolution_kind,
      text: r.text,
      reason: r.reason,
      by: people.get(r.author_id) ?? null,
      at: iso(r.created_at),
      state: r.state,
      decision:
        r.state === 'open'
          ? null
          : {
              by: people.get(r.decided_by ?? 0) ?? null,
              at: iso(r.decided_at),
              reason: r.decision_reason,
              outcome: r.outcome,
            },
      supports: mine.length,
      supported: mine.some((s) => s.profile_id === voter.profileId),
    };
  });
}

export async function listProposals(strapi: Core.Strapi, voter: Voter, assemblyId: string) {
  const assembly = await findAssembly(strapi, assemblyId);
  const rows = (await strapi.db
    .connection(TABLE.proposal)
    .where({ assembly: assemblyId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select()) as ProposalRow[];
  const { draftingOpensAt, draftingClosesAt } = assembly;
  return {
    drafting: draftingOpensAt && draftingClosesAt ? stateAt(draftingOpensAt, draftingClosesAt, new Date()) : null,
    draftingOpensAt,
    draftingClosesAt,
    proposals: await views(strapi, voter, rows),
  };
}

/** A proposal with its comments and, for an amendment, its line diff against the text it rewrites. */
export async function getProposal(strapi: Core.Strapi, voter: Voter, id: string) {
  const row = await findProposal(strapi, id);
  const [view] = await views(strapi, voter, [row]);
  const comments = (await strapi.db
    .connection(TABLE.comment)
    .where({ proposal: id })
    .orderBy('id')
    .select('id', 'author_id', 'text', 'created_at')) as Array<{
    id: number;
    author_id: number;
    text: string;
    created_at: string | Date;
  }>;
  const supporters = (await strapi.db
    .connection(TABLE.support)
    .where({ proposal: id })
    .orderBy('created_at')
    .select('profile_id', 'created_at')) as Array<{ profile_id: number; created_at: string | Date }>;
  const people = await peopleByIds(strapi, [
    ...comments.map((c) => c.author_id),
    ...supporters.map((s) => s.profile_id),
  ]);
  let diff = null;
  if (row.kind === 'amendment') {
    const base = (await strapi.db
      .connection(TABLE.version)
      .where({ resolution: row.resolution, number: row.base_version })
      .first('text')) as { text: string } | undefined;
    diff = lineDiff(base?.text ?? '', row.text);
  }
  return {
    ...view,
    diff,
    supporters: supporters.map((s) => ({ by: people.get(s.profile_id) ?? null, at: iso(s.created_at) })),
    comments: comments.map((c) => ({
      id: c.id,
      by: people.get(c.author_id) ?? null,
      at: iso(c.created_at),
      text: c.text,
    })),
  };
}

const proposalSchema = yup.object({
  kind: yup.string().oneOf(['resolution', 'amendment'], 'kind must be resolution or amendment').required(),
  // An amendment names the resolution it rewrites; a draft resolution has its own title and kind.
  resolution: yup.string().when('kind', {
    is: 'amendment',
    then: (s) => s.required('resolution (the amended resolution’s documentId) is required for an amendment'),
  }),
  title: yup
    .string()
    .trim()
    .max(300)
    .when('kind', {
      is: 'resolution',
      then: (s) => s.min(3).required('title is required for a draft resolution'),
    }),
  resolutionKind: yup
    .string()
    .oneOf(['ordinary', 'extraordinary'], 'resolutionKind must be ordinary or extraordinary')
    .when('kind', { is: 'resolution', then: (s) => s.required('resolutionKind is required for a draft resolution') }),
  text: yup.string().trim().min(1).max(50000).required('text is required'),
  reason: yup
    .string()
    .trim()
    .max(5000)
    .when('kind', { is: 'amendment', then: (s) => s.min(3).required('reason is required for an amendment') }),
});

interface ProposalBody {
  kind: 'resolution' | 'amendment';
  resolution?: string;
  title?: string;
  resolutionKind?: 'ordinary' | 'extraordinary';
  text: string;
  reason?: string;
}

export async function propose(strapi: Core.Strapi, voter: Voter, assemblyId: string, body: unknown) {
  const data = await validate<ProposalBody>(proposalSchema, body);
  const assembly = await findAssembly(strapi, assemblyId);
  await assertDrafter(strapi, voter, assembly);
  let baseVersion: number | null = null;
  if (data.kind === 'amendment') {
    const { resolution } = await findResolution(strapi, data.resolution as string);
    const current = await strapi.db
      .connection(TABLE.version)
      .where({ resolution: resolution.documentId })
      .max({ n: 'number' });
    baseVersion = Number((current[0] as { n: number | string }).n);
    if (resolution.assembly?.documentId !== assemblyId)
      throw new InvalidRequest(
        'Cette résolution n’est pas à l’ordre du jour de cette assemblée.',
        'This resolution is not on this assembly’s agenda.',
      );
    if (data.text === resolution.text)
      throw new InvalidRequest('L’amendement ne change pas le texte.', 'The amendment does not change the text.');
  }
  assertDrafting(assembly);
  const id = randomUUID();
  await strapi.db.connection(TABLE.proposal).insert({
    id,
    assembly: assemblyId,
    kind: data.kind,
    resolution: data.kind === 'amendment' ? data.resolution : null,
    title: data.kind === 'resolution' ? data.title : null,
    resolution_kind: data.kind === 'resolution' ? data.resolutionKind : null,
    text: data.text,
    reason: data.reason ?? null,
    base_version: baseVersion,
    author_id: voter.profileId,
    created_at: new Date(),
    state: 'open',
  });
  return getProposal(strapi, voter, id);
}

/** Supports and comments: by members on the list, during the window, on an undecided proposal. */
async function openProposal(strapi: Core.Strapi, voter: Voter, id: string) {
  const proposal = await findProposal(strapi, id);
  const assembly = await findAssembly(strapi, proposal.assembly);
  await assertDrafter(strapi, voter, assembly);
  assertDrafting(assembly);
  if (proposal.state !== 'open')
    throw new Conflict('Cette proposition a déjà été tranchée.', 'This proposal has already been decided.');
  return proposal;
}

export async function support(strapi: Core.Strapi, voter: Voter, id: string) {
  await openProposal(strapi, voter, id);
  try {
    await strapi.db
      .connection(TABLE.support)
      .insert({ proposal: id, profile_id: voter.profileId, created_at: new Date() });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict('Vous soutenez déjà cette proposition.', 'You already support this proposal.');
    throw error;
  }
  return getProposal(strapi, voter, id);
}

export async function withdrawSupport(strapi: Core.Strapi, voter: Voter, id: string) {
  await openProposal(strapi, voter, id);
  const removed = await strapi.db
    .connection(TABLE.support)
    .where({ proposal: id, profile_id: voter.profileId })
    .delete();
  if (!removed) throw new Conflict('Vous ne soutenez pas cette proposition.', 'You do not support this proposal.');
  return getProposal(strapi, voter, id);
}

const commentSchema = yup.object({
  text: yup.string().trim().min(1).max(5000).required('text is required'),
});

export async function comment(strapi: Core.Strapi, voter: Voter, id: string, body: unknown) {
  const { text } = await validate<{ text: string }>(commentSchema, body);
  await openProposal(strapi, voter, id);
  await strapi.db
    .connection(TABLE.comment)
    .insert({ proposal: id, author_id: voter.profileId, text, created_at: new Date() });
  return getProposal(strapi, voter, id);
}

const decisionSchema = yup.object({
  decision: yup
    .string()
    .oneOf(['accept', 'reject', 'put-to-vote'], 'decision must be accept, reject or put-to-vote')
    .required('decision is required (accept, reject, put-to-vote)'),
  reason: yup
    .string()
    .trim()
    .max(5000)
    .when('decision', { is: 'reject', then: (s) => s.min(3).required('reason is required to reject') }),
});

/**
 * The board's decision, once per proposal (the state moves from open in the same transaction as
 * what it makes, so two decisions cannot both apply), before the vote opens.
 */
export async function decide(strapi: Core.Strapi, voter: Voter, id: string, body: unknown) {
  assertBoard(voter);
  const { decision, reason } = await validate<{ decision: 'accept' | 'reject' | 'put-to-vote'; reason?: string }>(
    decisionSchema,
    body,
  );
  const proposal = await findProposal(strapi, id);
  if (decision === 'accept' && proposal.kind !== 'amendment')
    throw new InvalidRequest(
      'Un projet de résolution est mis aux voix ou rejeté, pas intégré à un texte.',
      'A draft resolution is put to the vote or rejected, not accepted into a text.',
    );
  const assembly = await findAssembly(strapi, proposal.assembly);
  const amended = proposal.resolution ? (await findResolution(strapi, proposal.resolution)).resolution : null;
  await strapi.db.transaction(async ({ trx }) => {
    assertBeforeVoting(assembly);
    const state = { accept: 'accepted', reject: 'rejected', 'put-to-vote': 'put-to-vote' }[decision];
    const moved = await strapi.db
      .connection(TABLE.proposal)
      .transacting(trx)
      .where({ id, state: 'open' })
      .update({ state, decided_by: voter.profileId, decided_at: new Date(), decision_reason: reason ?? null });
    if (!moved) throw new Conflict('Cette proposition a déjà été tranchée.', 'This proposal has already been decided.');
    let outcome: string | null = null;
    if (decision === 'accept' && amended) {
      const current = await strapi.db
        .connection(TABLE.version)
        .transacting(trx)
        .where({ resolution: amended.documentId })
        .max({ n: 'number' });
      const version = Number((current[0] as { n: number | string }).n);
      if (version !== proposal.base_version)
        throw new Conflict(
          `Le texte a changé depuis cet amendement (version ${proposal.base_version} → ${version}) : il ne peut plus être intégré tel quel.`,
          `The text changed since this amendment was proposed (version ${proposal.base_version} → ${version}): it can no longer be accepted as is.`,
        );
      const number = await recordVersion(strapi, trx, {
        resolution: amended.documentId,
        text: proposal.text,
        authorId: voter.profileId,
        reason: reason ?? proposal.reason,
        amendment: id,
      });
      outcome = `version:${number}`;
    }
    if (decision === 'put-to-vote') {
      const item = await appendResolution(
        strapi,
        trx,
        proposal.assembly,
        {
          title: proposal.title ?? `Amendement : ${amended?.title ?? ''}`.slice(0, 300),
          text: proposal.text,
          kind: proposal.resolution_kind ?? amended?.kind ?? 'ordinary',
        },
        proposal.author_id,
        proposal.reason,
      );
      outcome = `resolution:${item.documentId}`;
    }
    if (outcome) await strapi.db.connection(TABLE.proposal).transacting(trx).where({ id }).update({ outcome });
  });
  return getProposal(strapi, voter, id);
}
