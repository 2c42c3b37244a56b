import type { Core } from '@strapi/strapi';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import {
  bearer,
  collectiveId,
  createMembers,
  expectAnonymousRefused,
  removeEvents,
  removeMembers,
  type TestMember,
} from './support/members';

let strapi: Core.Strapi;
let inbox: Inbox;
let proposer: TestMember;
let outsider: TestMember;
let grenobleMember: TestMember;
const ids: Record<string, string> = {};
const proposed: string[] = [];

const DAY = 86_400_000;
const proposal = (collective: string, title: string, extra: Record<string, unknown> = {}) => ({
  collective,
  title,
  description: 'Une soirée pour parler de sobriété.',
  startsAt: new Date(Date.now() + 20 * DAY).toISOString(),
  endsAt: new Date(Date.now() + 20 * DAY + 7_200_000).toISOString(),
  place: 'Maison des associations, Lyon',
  capacity: 15,
  audience: 'public',
  ...extra,
});

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  [proposer, outsider, grenobleMember] = await createMembers(strapi, 'prop', 3);
  ids.lyon = await collectiveId(strapi, 'lyon');
  ids.grenoble = await collectiveId(strapi, 'grenoble');
  await http(strapi).post(`/api/space/collectives/${ids.lyon}/membership`).set(bearer(proposer)).expect(201);
  await http(strapi).post(`/api/space/collectives/${ids.grenoble}/membership`).set(bearer(grenobleMember)).expect(201);
});
afterAll(async () => {
  await removeEvents(strapi, proposed);
  if (proposer) await removeMembers(strapi, [proposer, outsider, grenobleMember]);
  await stopStrapi(strapi);
  await inbox.stop();
});

const propose = async (headers: Record<string, string>, body: object) => {
  const res = await http(strapi).post('/api/space/event-proposals').set(headers).send(body);
  if (res.status === 201) proposed.push(res.body.data.documentId);
  return res;
};
const decide = (headers: Record<string, string>, documentId: string, body: object) =>
  http(strapi).post(`/api/space/event-proposals/${documentId}/decision`).set(headers).send(body);
const proposalsOf = async (headers: Record<string, string>) => {
  const res = await http(strapi).get('/api/space/event-proposals').set(headers);
  expect(res.status).toBe(200);
  return res.body.data as Array<{ documentId: string; proposalState: string; mine: boolean; canDecide: boolean }>;
};

describe('proposing an event', () => {
  it('is for members of the collective, with valid input', async () => {
    expectAnonymousRefused((await propose({}, proposal(ids.lyon, 'Anonyme'))).status);
    const foreign = await propose(bearer(outsider), proposal(ids.lyon, 'Pas mon groupe'));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toMatch(/member of/);
    const empty = await propose(bearer(proposer), {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/required/);
    const backwards = await propose(
      bearer(proposer),
      proposal(ids.lyon, 'À l’envers', { endsAt: new Date(Date.now() + DAY).toISOString() }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(/endsAt must be after startsAt/);
    const unknown = await propose(bearer(proposer), proposal('no-such-collective', 'Nulle part'));
    expect(unknown.status).toBe(404);
  });

  it('makes a draft that appears nowhere public until a lead approves it; the proposer is told', async () => {
    const res = await propose(bearer(proposer), proposal(ids.lyon, 'Soirée sobriété'));
    expect(res.status).toBe(201);
    const { documentId } = res.body.data;
    expect(res.body.data.proposalState).toBe('proposed');

    expect((await http(strapi).get(`/api/events/${documentId}`)).status).toBe(404);
    const listed = await http(strapi).get('/api/events?pagination[pageSize]=100&status=draft');
    expect(listed.body.data.map((e: { documentId: string }) => e.documentId)).not.toContain(documentId);
    const space = await http(strapi).get('/api/space/events').set(bearer(proposer));
    expect(space.body.data.map((e: { documentId: string }) => e.documentId)).not.toContain(documentId);

    expect((await proposalsOf(bearer(proposer))).find((p) => p.documentId === documentId)).toMatchObject({
      mine: true,
      canDecide: false,
      proposalState: 'proposed',
    });
    expect((await proposalsOf(await as(strapi, 'lead'))).find((p) => p.documentId === documentId)).toMatchObject({
      mine: false,
      canDecide: true,
    });
    expect((await proposalsOf(bearer(outsider))).map((p) => p.documentId)).not.toContain(documentId);

    expect((await decide(bearer(outsider), documentId, { approve: true })).status).toBe(403);
    const bad = await decide(await as(strapi, 'lead'), documentId, {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/approve/);

    const approved = await decide(await as(strapi, 'lead'), documentId, { approve: true });
    expect(approved.status).toBe(200);
    expect(approved.body.data.proposalState).toBe('approved');
    const publicView = await http(strapi).get(`/api/events/${documentId}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.data.title).toBe('Soirée sobriété');
    await inbox.waitFor(
      proposer.email,
      (m) => /Soirée sobriété/.test(m.subject ?? '') && /acceptée/.test(m.subject ?? ''),
    );
    const notes = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { profile: { id: proposer.profileId }, kind: 'proposal.approved' } });
    expect(notes).toHaveLength(1);

    const twice = await decide(await as(strapi, 'lead'), documentId, { approve: false });
    expect(twice.status).toBe(409);
  });

  it('leads decide only for their collectives; the board refuses with a reason', async () => {
    const res = await propose(bearer(grenobleMember), proposal(ids.grenoble, 'Balade thermique'));
    expect(res.status).toBe(201);
    const { documentId } = res.body.data;
    const lead = await decide(await as(strapi, 'lead'), documentId, { approve: true });
    expect(lead.status).toBe(403);
    expect(lead.body.error.message).toMatch(/leads and the board/);
    expect((await proposalsOf(await as(strapi, 'lead'))).map((p) => p.documentId)).not.toContain(documentId);

    const refused = await decide(await as(strapi, 'board'), documentId, {
      approve: false,
      reason: 'Même date que l’assemblée régionale.',
    });
    expect(refused.status).toBe(200);
    expect(refused.body.data.proposalState).toBe('refused');
    const mail = await inbox.waitFor(grenobleMember.email, (m) => /Balade thermique/.test(m.subject ?? ''));
    expect(mail.text).toContain('Motif : Même date que l’assemblée régionale.');
    expect((await http(strapi).get(`/api/events/${documentId}`)).status).toBe(404);
    expect((await proposalsOf(bearer(grenobleMember))).find((p) => p.documentId === documentId)?.proposalState).toBe(
      'refused',
    );
  });
});
