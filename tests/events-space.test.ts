import type { Core } from '@strapi/strapi';
import { fullWorkshop } from '../database/seed';
import { cancelUpcomingRegistrations, mailPromotion, publishedEvent } from '../cms/src/participation/registrations';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, listen, startStrapi, stopStrapi } from './support/strapi';
import { collectiveId, createMembers, removeEvents, removeCreatedMembers, type TestMember } from './support/members';

let strapi: Core.Strapi;
let inbox: Inbox;
let members: TestMember[];
let lyon: string;
/** What the suite made, removed after it. */
const made = { members: [] as TestMember[], events: [] as string[] };

const DAY = 86_400_000;
const EVENT = 'api::event.event';

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  // Concurrent requests need one listening server (supertest would otherwise listen once per request).
  await listen(strapi);
  members = await createMembers(strapi, 'evt', 6);
  made.members.push(...members);
  lyon = await collectiveId(strapi, 'lyon');
});
afterAll(async () => {
  await removeEvents(strapi, made.events);
  await removeCreatedMembers(strapi);
  await stopStrapi(strapi);
  await inbox.stop();
});

/** A published event of Lyon made for one test. */
async function makeEvent(data: Record<string, unknown>): Promise<string> {
  const startsAt = new Date(Date.now() + 30 * DAY);
  const created = await strapi.documents(EVENT).create({
    locale: 'fr',
    status: 'published',
    data: {
      title: 'Événement de test',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      audience: 'members',
      registrationOpen: true,
      collective: lyon,
      ...data,
    } as never,
  });
  made.events.push(created.documentId);
  return created.documentId;
}

async function registrations(documentId: string) {
  return (await strapi.db.query('api::registration.registration').findMany({
    where: { event: { documentId } },
    populate: { profile: { select: ['id'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })) as Array<{ id: number; state: string; profile: { id: number }; promotionMailedAt: string | null }>;
}

const register = (documentId: string, headers: Record<string, string>) =>
  http(strapi).post(`/api/space/events/${documentId}/registration`).set(headers);
const unregister = (documentId: string, headers: Record<string, string>) =>
  http(strapi).delete(`/api/space/events/${documentId}/registration`).set(headers);

describe('upcoming events and my registrations', () => {
  it('lists upcoming events with their seats, for members only', async () => {
    expect((await http(strapi).get('/api/space/events')).status).toBe(401);
    const res = await http(strapi)
      .get('/api/space/events?locale=en')
      .set(await as(strapi, 'member'));
    expect(res.status).toBe(200);
    const workshop = res.body.data.find((e: { title: string }) => e.title === fullWorkshop.title.en);
    expect(workshop).toMatchObject({
      capacity: fullWorkshop.capacity,
      confirmed: 2,
      waiting: 0,
      audience: 'members',
      registration: null,
      organiser: false,
    });
    expect(workshop.collective.name).toMatch(/Lyon/);
    const lead = await http(strapi)
      .get('/api/space/events')
      .set(await as(strapi, 'lead'));
    const mine = lead.body.data.find((e: { title: string }) => e.title === fullWorkshop.title.fr);
    expect(mine.registration).toEqual({ state: 'confirmed', position: 1 });
    const starts = res.body.data.map((e: { startsAt: string }) => e.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(starts.every((s: string) => new Date(s).getTime() > Date.now())).toBe(true);
  });

  it('my registrations, upcoming first', async () => {
    expect((await http(strapi).get('/api/space/registrations')).status).toBe(401);
    const res = await http(strapi)
      .get('/api/space/registrations')
      .set(await as(strapi, 'lead'));
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: { title: string }) => e.title)).toContain(fullWorkshop.title.fr);
  });
});

describe('registering', () => {
  it('confirms within capacity, then puts on the waiting list; refuses a second registration', async () => {
    const event = await makeEvent({ capacity: 1 });
    const [a, b] = members;
    expect((await register(event, {})).status).toBe(401);
    const first = await register(event, a.headers);
    expect(first.status).toBe(201);
    expect(first.body.data).toEqual({ state: 'confirmed', position: 1 });
    const second = await register(event, b.headers);
    expect(second.body.data).toEqual({ state: 'waiting', position: 1 });
    const again = await register(event, a.headers);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already registered/);
    expect(await registrations(event)).toHaveLength(2);
  });

  it('refuses closed, past, unknown and unpublished events with a message', async () => {
    const [a] = members;
    const closed = await register(await makeEvent({ registrationOpen: false }), a.headers);
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/closed/);
    const past = await register(
      await makeEvent({ startsAt: new Date(Date.now() - DAY).toISOString(), endsAt: new Date().toISOString() }),
      a.headers,
    );
    expect(past.status).toBe(409);
    expect(past.body.error.message).toMatch(/over/);
    const unknown = await register('no-such-event', a.headers);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/No such event/);
    const draft = await strapi.documents(EVENT).create({
      locale: 'fr',
      data: {
        title: 'Brouillon',
        startsAt: new Date(Date.now() + DAY).toISOString(),
        endsAt: new Date(Date.now() + 2 * DAY).toISOString(),
      } as never,
    });
    made.events.push(draft.documentId);
    expect((await register(draft.documentId, a.headers)).status).toBe(404);
    expect((await unregister(draft.documentId, a.headers)).status).toBe(404);
  });

  it('a freed seat goes to the first waiting member, who is notified and mailed once', async () => {
    const event = await makeEvent({ capacity: 2, title: 'Atelier promotion' });
    const [a, b, c, d] = members;
    for (const m of [a, b, c, d]) await register(event, m.headers).expect(201);
    const notRegistered = await unregister(event, members[4].headers);
    expect(notRegistered.status).toBe(404);

    expect((await unregister(event, a.headers)).status).toBe(200);
    const rows = await registrations(event);
    expect(rows.map((r) => [r.profile.id, r.state])).toEqual([
      [b.profileId, 'confirmed'],
      [c.profileId, 'confirmed'],
      [d.profileId, 'waiting'],
    ]);
    const mail = await inbox.waitFor(c.email, (m) => /Atelier promotion/.test(m.subject ?? ''));
    expect(mail.text).toContain('confirmée');
    const notes = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { profile: { id: c.profileId }, kind: 'registration.promoted' } });
    expect(notes).toHaveLength(1);

    // The claim on promotionMailedAt makes any later attempt send nothing.
    const promoted = rows.find((r) => r.profile.id === c.profileId)!;
    expect(promoted.promotionMailedAt).not.toBeNull();
    await mailPromotion(strapi, promoted.id, await publishedEvent(strapi, event));
    // A waiting member unregistering frees no seat: nobody else is promoted or mailed.
    await unregister(event, d.headers).expect(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(inbox.to(c.email).filter((m) => /Atelier promotion/.test(m.subject ?? ''))).toHaveLength(1);
    expect(inbox.to(d.email)).toHaveLength(0);
  });
});

describe('an editor raising the capacity', () => {
  it('gives the new seats to the waiting list, in order, with the usual mail', async () => {
    const event = await makeEvent({ capacity: 1, title: 'Atelier agrandi' });
    const [a, b, c] = members;
    for (const m of [a, b, c]) await register(event, m.headers).expect(201);
    // What the admin panel does: the draft changed, then published.
    await strapi.documents(EVENT).update({ documentId: event, locale: 'fr', data: { capacity: 2 } as never });
    await strapi.documents(EVENT).publish({ documentId: event, locale: 'fr' });
    const rows = await registrations(event);
    expect(rows.map((r) => [r.profile.id, r.state])).toEqual([
      [a.profileId, 'confirmed'],
      [b.profileId, 'confirmed'],
      [c.profileId, 'waiting'],
    ]);
    const mail = await inbox.waitFor(b.email, (m) => /Atelier agrandi/.test(m.subject ?? ''));
    expect(mail.text).toContain('confirmée');
    expect(inbox.to(c.email).filter((m) => /Atelier agrandi/.test(m.subject ?? ''))).toHaveLength(0);
  });
});

describe('erasure (GDPR) cancels a member’s upcoming registrations', () => {
  it('passes their seats on to the waiting list as an unregistration would', async () => {
    const event = await makeEvent({ capacity: 1, title: 'Atelier effacement' });
    const [, , , , leaving, waiting] = members;
    await register(event, leaving.headers).expect(201);
    await register(event, waiting.headers).expect(201);
    await cancelUpcomingRegistrations(strapi, leaving.profileId);
    expect((await registrations(event)).map((r) => [r.profile.id, r.state])).toEqual([
      [waiting.profileId, 'confirmed'],
    ]);
    await inbox.waitFor(waiting.email, (m) => /Atelier effacement/.test(m.subject ?? ''));
  });
});

describe('50 members registering at once for 10 seats', () => {
  it('gives exactly 10 confirmed and 40 waiting, in arrival order', async () => {
    const event = await makeEvent({ capacity: 10, title: 'Course aux places' });
    const crowd = await createMembers(strapi, 'race', 50);
    made.members.push(...crowd);
    const responses = await Promise.all(crowd.map((m) => register(event, m.headers)));
    expect(responses.map((r) => r.status)).toEqual(crowd.map(() => 201));

    const rows = await registrations(event);
    expect(rows).toHaveLength(50);
    // Arrival order is the order the server serialised them in: createdAt, then id.
    expect(rows.map((r) => r.state)).toEqual([...Array(10).fill('confirmed'), ...Array(40).fill('waiting')]);
    const answered = new Map(crowd.map((m, i) => [m.profileId, responses[i]!.body.data]));
    rows.forEach((row, index) => {
      expect(answered.get(row.profile.id)).toEqual(
        index < 10 ? { state: 'confirmed', position: index + 1 } : { state: 'waiting', position: index - 9 },
      );
    });

    // The first waiting one takes the seat a confirmed one frees.
    const leaving = crowd.find((m) => m.profileId === rows[3]!.profile.id)!;
    const next = crowd.find((m) => m.profileId === rows[10]!.profile.id)!;
    await unregister(event, leaving.headers).expect(200);
    const after = await registrations(event);
    expect(after.filter((r) => r.state === 'confirmed')).toHaveLength(10);
    expect(after.find((r) => r.profile.id === next.profileId)?.state).toBe('confirmed');
    await inbox.waitFor(next.email, (m) => /Course aux places/.test(m.subject ?? ''));
  });
});

describe('attendees', () => {
  let event: string;
  let organiser: TestMember;

  beforeAll(async () => {
    organiser = members[5];
    event = await makeEvent({ capacity: 1, title: 'Atelier inscrits', organiser: organiser.documentId });
    await register(event, members[0].headers).expect(201);
    await register(event, members[1].headers).expect(201);
  });

  it('are shown to the organiser, the leads of the collective and the board, as JSON', async () => {
    for (const headers of [organiser.headers, await as(strapi, 'lead'), await as(strapi, 'board')]) {
      const res = await http(strapi).get(`/api/space/events/${event}/attendees`).set(headers);
      expect(res.status).toBe(200);
      expect(
        res.body.data.attendees.map((a: { displayName: string; state: string }) => [a.displayName, a.state]),
      ).toEqual([
        [members[0].displayName, 'confirmed'],
        [members[1].displayName, 'waiting'],
      ]);
    }
  });

  it('and nobody else', async () => {
    expect((await http(strapi).get(`/api/space/events/${event}/attendees`)).status).toBe(401);
    for (const headers of [members[2].headers, members[0].headers, await as(strapi, 'moderator')]) {
      const res = await http(strapi).get(`/api/space/events/${event}/attendees`).set(headers);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/organiser/);
    }
    expect((await http(strapi).get('/api/space/events/no-such-event/attendees').set(organiser.headers)).status).toBe(
      404,
    );
  });

  it('export as CSV: name, state, registration time, no e-mail address', async () => {
    const res = await http(strapi)
      .get(`/api/space/events/${event}/attendees?format=csv&locale=en`)
      .set(organiser.headers)
      .buffer(true)
      .parse((response, callback) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => callback(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.csv"$/);
    // No field here holds a comma, a quote or a line break: splitting is parsing (csv-parse is not installed).
    const text = (res.body as string).replace(/^\uFEFF/, '');
    const rows = text
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(','));
    expect(rows[0]).toEqual(['Name', 'State', 'Registered at']);
    expect(rows.slice(1).map((r) => r.slice(0, 2))).toEqual([
      [members[0].displayName, 'confirmed'],
      [members[1].displayName, 'waiting list'],
    ]);
    expect(Number.isNaN(Date.parse(rows[1]![2]!))).toBe(false);
    expect(res.body).not.toMatch(/@/);
  });
});
