/**
 * Convocations of a general assembly over HTTP, on the real database and a real SMTP server: the
 * board convenes the voter list by e-mail through the outbox (each member once, in their language,
 * with the agenda and the documents, no unsubscribe header), on paper for those without an
 * address (a PDF page each), refused when the statutes' notice can no longer run; the record of
 * who was convened; each member's own PDF; every new route for every role.
 */
import type { Core } from '@strapi/strapi';
import type { ParsedMail } from 'mailparser';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi, viewers, type Viewer } from './support/strapi';

process.env.MAILING_WORKER = 'off';
process.env.MAILING_RATE = '0';

const API = '/api/governance';
const PROFILE = 'api::member-profile.member-profile';
const day = 24 * 3600_000;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const yesterday = () => new Date(Date.now() - day).toISOString().slice(0, 10);

let strapi: Core.Strapi;
let inbox: Inbox;
const assemblies: string[] = [];
const paperProfiles: number[] = [];
const invitations: number[] = [];
let documentId: string;

async function drain() {
  const worker = new OutboxWorker(strapi);
  await worker.drain();
  await worker.stop();
}

async function newAssembly(daysAhead: number, title = `AG convoquée ${Date.now()}`) {
  const res = await http(strapi)
    .post(`${API}/assemblies`)
    .set(await as(strapi, 'board'))
    .send({
      title,
      kind: 'ordinary',
      date: iso(daysAhead * day),
      place: 'Salle des fêtes, Lyon',
      link: 'https://visio.example.org/ag',
      votingOpensAt: iso((daysAhead - 2) * day),
      votingClosesAt: iso((daysAhead - 1) * day),
      recordDate: yesterday(),
      documents: [documentId],
    });
  if (res.status !== 201) throw new Error(`assembly: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.data.documentId as string;
  assemblies.push(id);
  const resolution = await http(strapi)
    .post(`${API}/assemblies/${id}/resolutions`)
    .set(await as(strapi, 'board'))
    .send({
      title: 'Approbation des comptes',
      text: 'L’assemblée approuve les comptes de l’exercice 2025.',
      kind: 'ordinary',
    });
  if (resolution.status !== 201) throw new Error(`resolution: ${resolution.status}`);
  return id;
}

/** A member without an account, hence without e-mail: convened on paper. */
async function paperMember(name: string) {
  const row = (await strapi.documents(PROFILE).create({
    data: {
      displayName: name,
      membershipNumber: `P-${Date.now() % 1e8}-${paperProfiles.length}`,
      memberSince: '2020-01-01',
      postcode: '69001',
      city: 'Lyon',
    } as never,
  })) as unknown as { id: number; documentId: string };
  paperProfiles.push(row.id);
  return row;
}

async function speaksEnglish(member: TestMember) {
  const row = (await strapi.db.query('api::invitation.invitation').create({
    data: {
      email: member.email,
      displayName: member.displayName,
      locale: 'en',
      tokenHash: `test-${member.profileId}-${Date.now()}`,
      expiresAt: new Date(Date.now() + day),
      usedAt: new Date(),
    },
  })) as { id: number };
  invitations.push(row.id);
}

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

function binary(res: { on(event: string, cb: (chunk?: Buffer) => void): void }, done: (e: null, b: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk!));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

let french: TestMember;
let english: TestMember;
let paper: { id: number; documentId: string };

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  const doc = (await strapi.documents('api::document.document').create({
    data: { title: 'Comptes annuels 2025', accessLevel: 'members' } as never,
    locale: 'fr',
  })) as unknown as { documentId: string };
  documentId = doc.documentId;
  french = await createMember(strapi, { memberSince: '2020-01-01' });
  english = await createMember(strapi, { memberSince: '2020-01-01' });
  await speaksEnglish(english);
  paper = await paperMember(`Membre papier ${Date.now()}`);
});

afterAll(async () => {
  if (strapi) {
    await strapi.db.connection('gov_convocations').whereIn('assembly', assemblies).delete();
    await strapi.db.connection('gov_voters').whereIn('assembly', assemblies).delete();
    await strapi.db
      .query('plugin::governance.resolution')
      .deleteMany({ where: { assembly: { documentId: { $in: assemblies } } } });
    await strapi.db.query('plugin::governance.assembly').deleteMany({ where: { documentId: { $in: assemblies } } });
    await strapi.db.query('api::invitation.invitation').deleteMany({ where: { id: { $in: invitations } } });
    await strapi.db.query(PROFILE).deleteMany({ where: { id: { $in: paperProfiles } } });
    await strapi.db.query('api::document.document').deleteMany({ where: { documentId } });
    await removeCreatedMembers(strapi);
  }
  await stopStrapi(strapi);
  await inbox?.stop();
});

const convocationsTo = (address: string, title: string) =>
  inbox.to(address).filter((m: ParsedMail) => (m.subject ?? '').includes(title));

describe('sending the convocation', () => {
  let assembly: string;
  const title = `AG ordinaire ${Date.now()}`;
  let first: { body: { data: Record<string, number> } };

  beforeAll(async () => {
    assembly = await newAssembly(20, title);
    first = await http(strapi)
      .post(`${API}/assemblies/${assembly}/convocations`)
      .set(await as(strapi, 'board'));
    await drain();
  });

  it('convenes everyone on the voter list: by e-mail, else on paper', async () => {
    const voters = Number(
      ((await strapi.db.connection('gov_voters').where({ assembly }).count({ n: '*' })) as Array<{ n: number }>)[0].n,
    );
    expect(first.body.data.convened).toBe(voters);
    expect(first.body.data.byEmail + first.body.data.byPost).toBe(voters);
    expect(first.body.data.byPost).toBeGreaterThanOrEqual(1);
    const record = await http(strapi)
      .get(`${API}/assemblies/${assembly}/convocations`)
      .set(await as(strapi, 'board'));
    expect(record.status).toBe(200);
    const of = (id: string) =>
      record.body.data.convened.find((c: { member: { documentId: string } }) => c.member.documentId === id);
    expect(of(french.documentId)).toMatchObject({ convocation: 'first', channel: 'email' });
    expect(of(paper.documentId)).toMatchObject({ channel: 'paper' });
    expect(of(french.documentId).sentBy).toEqual(expect.any(String));
    expect(record.body.data.convened).toHaveLength(voters);
  });

  it('mails the agenda, the documents and the page, in the member’s language, without unsubscribe', async () => {
    const [fr] = convocationsTo(french.email, title);
    expect(fr.subject).toBe(`Convocation : ${title}`);
    expect(fr.text).toContain('Approbation des comptes');
    expect(fr.text).toContain('L’assemblée approuve les comptes de l’exercice 2025.');
    expect(fr.text).toContain(`/espace/documents/${documentId}/fichier`);
    expect(fr.text).toContain(`/espace/votes/ag/${assembly}/`);
    expect(fr.text).toContain('Salle des fêtes, Lyon');
    expect(fr.headers.has('list-unsubscribe')).toBe(false);
    const [en] = convocationsTo(english.email, title);
    expect(en.subject).toBe(`Convocation: ${title}`);
    expect(en.text).toContain('You are convened to the ordinary general assembly');
    expect(en.text).toContain(`/en/space/votes/ag/${assembly}/`);
  });

  it('convenes each member once: sending again queues nothing', async () => {
    const again = await http(strapi)
      .post(`${API}/assemblies/${assembly}/convocations`)
      .set(await as(strapi, 'board'));
    expect(again.status).toBe(201);
    expect(again.body.data).toMatchObject({ convened: 0, alreadyConvened: first.body.data.convened });
    await drain();
    expect(convocationsTo(french.email, title)).toHaveLength(1);
  });

  it('prints a page per member convened on paper, and one member’s on demand', async () => {
    const res = await http(strapi)
      .get(`${API}/assemblies/${assembly}/convocations.pdf`)
      .set(await as(strapi, 'board'))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pagesOf(res.body)).toBe(first.body.data.byPost);
    const one = await http(strapi)
      .get(`${API}/assemblies/${assembly}/convocations.pdf?member=${paper.documentId}`)
      .set(await as(strapi, 'board'))
      .buffer(true)
      .parse(binary);
    expect(pagesOf(one.body)).toBe(1);
  });

  it('gives each member on the list their own PDF, and no one else', async () => {
    const mine = await http(strapi)
      .get(`${API}/assemblies/${assembly}/convocation.pdf?locale=en`)
      .set(english.headers)
      .buffer(true)
      .parse(binary);
    expect(mine.status).toBe(200);
    expect(pagesOf(mine.body)).toBe(1);
    const late = await createMember(strapi, { memberSince: new Date().toISOString().slice(0, 10) });
    const refused = await http(strapi).get(`${API}/assemblies/${assembly}/convocation.pdf`).set(late.headers);
    expect(refused.status).toBe(403);
  });
});

describe('the statutes’ notice', () => {
  it('refuses a convocation that leaves less than 15 days, with the deadline, and records nothing', async () => {
    const assembly = await newAssembly(10);
    const res = await http(strapi)
      .post(`${API}/assemblies/${assembly}/convocations`)
      .set(await as(strapi, 'board'));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/au moins 15 jours avant/);
    expect(res.body.error.details.deadline).toEqual(expect.any(String));
    expect(await strapi.db.connection('gov_convocations').where({ assembly }).first('profile_id')).toBeUndefined();
  });
});

describe('every convocation route × every role', () => {
  type Expect = Record<Viewer, number>;
  const forBoard = (ok: number): Expect => ({ anonymous: 401, member: 403, lead: 403, moderator: 403, board: ok });
  let assembly: string;

  beforeAll(async () => {
    assembly = await newAssembly(30);
  });

  it.each([
    ['POST', '/convocations', forBoard(201)],
    ['GET', '/convocations', forBoard(200)],
    ['GET', '/convocations.pdf', forBoard(200)],
    ['GET', '/convocation.pdf', { anonymous: 401, member: 200, lead: 200, moderator: 200, board: 200 }],
  ] as Array<[string, string, Expect]>)('%s %s', async (method, suffix, expected) => {
    const got: Partial<Expect> = {};
    for (const viewer of viewers) {
      const path = `${API}/assemblies/${assembly}${suffix}`;
      const req = method === 'POST' ? http(strapi).post(path) : http(strapi).get(path);
      got[viewer] = (await req.set(await as(strapi, viewer))).status;
    }
    expect(got).toEqual(expected);
  });
});
