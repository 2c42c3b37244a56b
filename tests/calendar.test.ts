import type { Core } from '@strapi/strapi';
import ICAL from 'ical.js';
import { fullWorkshop } from '../database/seed';
import { as, http, startStrapi, stopStrapi } from './support/strapi';
import { bearer, createMembers, expectAnonymousRefused, removeMembers, type TestMember } from './support/members';

let strapi: Core.Strapi;
let member: TestMember;

beforeAll(async () => {
  strapi = await startStrapi();
  [member] = await createMembers(strapi, 'cal', 1);
});
afterAll(async () => {
  if (member) await removeMembers(strapi, [member]);
  await stopStrapi(strapi);
});

const pathOf = (url: string) => new URL(url).pathname;

async function feedUrl(headers: Record<string, string>, reset = false): Promise<string> {
  const res = reset
    ? await http(strapi).post('/api/space/calendar/reset').set(headers)
    : await http(strapi).get('/api/space/calendar').set(headers);
  expect(res.status).toBe(200);
  return res.body.data.url;
}

async function summaries(path: string): Promise<string[]> {
  const res = await http(strapi).get(path).buffer(true);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(res.text));
  expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
  return calendar.getAllSubcomponents('vevent').map((e) => String(new ICAL.Event(e).summary));
}

describe('the personal iCalendar feed', () => {
  it('gives each member a private URL made of a long random token, the same until reset', async () => {
    expectAnonymousRefused((await http(strapi).get('/api/space/calendar')).status);
    expectAnonymousRefused((await http(strapi).post('/api/space/calendar/reset')).status);
    const url = await feedUrl(bearer(member));
    const token = pathOf(url).split('/').pop()!;
    expect(pathOf(url)).toBe(`/api/space/calendar/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(pathOf(await feedUrl(bearer(member)))).toBe(pathOf(url));
    expect(pathOf(await feedUrl(await as(strapi, 'member')))).not.toBe(pathOf(url));
  });

  it('holds the members-only events and those I registered for, in my language', async () => {
    const path = pathOf(await feedUrl(bearer(member)));
    const french = await summaries(path);
    expect(french).toContain(fullWorkshop.title.fr);
    expect(french).toContain('Assemblée générale 2026');
    const publicEvent = 'Lancement de l’autopartage à Brest';
    expect(french).not.toContain(publicEvent);

    const brest = await strapi.db
      .query('api::event.event')
      .findOne({ where: { title: publicEvent, publishedAt: { $notNull: true } }, select: ['documentId'] });
    await http(strapi).post(`/api/space/events/${brest.documentId}/registration`).set(bearer(member)).expect(201);
    expect(await summaries(path)).toContain(publicEvent);
    expect(await summaries(`${path}?locale=en`)).toContain(fullWorkshop.title.en);
  });

  it('stops answering the old URL once reset; an unknown token is a 404', async () => {
    const old = pathOf(await feedUrl(bearer(member)));
    const fresh = pathOf(await feedUrl(bearer(member), true));
    expect(fresh).not.toBe(old);
    expect((await http(strapi).get(old)).status).toBe(404);
    await summaries(fresh);
    const unknown = await http(strapi).get('/api/space/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/No such calendar/);
  });
});
