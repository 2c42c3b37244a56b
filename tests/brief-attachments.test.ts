/**
 * A brief's image (with its required text alternative) and links, through the leads' brief desk:
 * who may set them, bad input, what the public API gives the site, and the e-mail (the image by
 * absolute URL with its alt in the HTML part, the links in both parts), with a real SMTP server.
 */
import type { Core } from '@strapi/strapi';
import { mailingSettings } from '../cms/src/mailing/settings';
import { OutboxWorker } from '../cms/src/mailing/worker';
import { createFollowers, removeFollowers, type Follower, removeBriefs } from './support/followers';
import { collectiveId } from './support/members';
import { startSmtp, type Inbox } from './support/smtp';
import { as, http, startStrapi, stopStrapi, viewers } from './support/strapi';

process.env.MAILING_WORKER = 'off';
process.env.MAILING_RATE = '0';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let strapi: Core.Strapi;
let inbox: Inbox;
let lyon: string;
let people: Follower[] = [];
const briefs: string[] = [];
const started = new Date();

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
  lyon = await collectiveId(strapi, 'lyon');
  people = await createFollowers(strapi, lyon, 1, 'attachments');
});
afterAll(async () => {
  if (strapi) {
    await removeFollowers(strapi, people);
    await removeBriefs(strapi, briefs);
    const uploaded = await strapi.db
      .query('plugin::upload.file')
      .findMany({ where: { name: 'photo.png', createdAt: { $gte: started } } });
    for (const file of uploaded) await strapi.plugin('upload').service('upload').remove(file);
  }
  await stopStrapi(strapi);
  await inbox.stop();
});

const deskOf = () => `/api/space/collectives/${lyon}/briefs`;
const links = [
  { label: 'Le programme', url: 'https://example.org/programme' },
  { label: 'Inscriptions', url: 'http://example.org/inscription?x=1&y=2' },
];

async function draft(extra: Record<string, unknown> = {}) {
  const res = await http(strapi)
    .post(deskOf())
    .set(await as(strapi, 'lead'))
    .send({ title: `Pièces jointes ${process.pid} ${briefs.length}`, body: 'Le **texte**.', ...extra });
  if (res.status === 201) briefs.push(res.body.data.documentId);
  return res;
}

const setImage = async (briefId: string, viewer: (typeof viewers)[number], alt: string | null, file = PNG) => {
  const request = http(strapi)
    .put(`${deskOf()}/${briefId}/image`)
    .set(await as(strapi, viewer))
    .attach('image', file, { filename: 'photo.png', contentType: 'image/png' });
  return alt === null ? request : request.field('alt', alt);
};

test('links: saved with the draft, replaced on edit, and refused when not http(s) or incomplete', async () => {
  const made = await draft({ links });
  expect(made.status).toBe(201);
  expect(made.body.data.links).toEqual(links);
  const id = made.body.data.documentId;
  const edited = await http(strapi)
    .put(`${deskOf()}/${id}`)
    .set(await as(strapi, 'lead'))
    .send({ title: 'Autre titre', body: 'Texte.', links: [links[0]] });
  expect(edited.body.data.links).toEqual([links[0]]);

  for (const bad of [
    [{ label: 'Script', url: 'javascript:alert(1)' }],
    [{ label: 'Relatif', url: '/chemin' }],
    [{ label: '', url: 'https://example.org' }],
    [{ label: 'Sans adresse' }],
    Array.from({ length: 11 }, (_, i) => ({ label: `L${i}`, url: `https://example.org/${i}` })),
    'pas une liste',
  ]) {
    const res = await draft({ links: bad });
    expect([JSON.stringify(bad).slice(0, 40), res.status]).toEqual([JSON.stringify(bad).slice(0, 40), 400]);
    expect(res.body.error.message).toContain('links');
  }
});

test('the image: leads of the collective and the board; alt text required; images only', async () => {
  const id = (await draft()).body.data.documentId;
  const expected = { anonymous: 401, member: 403, lead: 200, moderator: 403, board: 200 } as const;
  for (const viewer of viewers) {
    const set = await setImage(id, viewer, 'Une photo');
    const removed = await http(strapi)
      .delete(`${deskOf()}/${id}/image`)
      .set(await as(strapi, viewer));
    expect([viewer, set.status, removed.status]).toEqual([viewer, expected[viewer], expected[viewer]]);
  }
  const noAlt = await setImage(id, 'lead', null);
  expect(noAlt.status).toBe(400);
  expect(noAlt.body.error.message).toContain('alt');
  expect((await setImage(id, 'lead', '   ')).status).toBe(400);
  const notImage = await setImage(id, 'lead', 'Un texte', Buffer.from('<svg onload="alert(1)"></svg>'));
  expect(notImage.status).toBe(400);
  expect(notImage.body.error.message).toContain('PNG');
  const none = await http(strapi)
    .put(`${deskOf()}/${id}/image`)
    .set(await as(strapi, 'lead'))
    .field('alt', 'Rien');
  expect(none.status).toBe(400);
});

test('published with its image and links: the public API gives them, the mail shows them', async () => {
  const made = await draft({ links });
  const id = made.body.data.documentId;
  const withImage = await setImage(id, 'lead', 'Des panneaux solaires sur un toit');
  expect(withImage.status).toBe(200);
  const image = withImage.body.data.image as { url: string; alternativeText: string };
  expect(image.alternativeText).toBe('Des panneaux solaires sur un toit');
  expect(image.url).toMatch(/^https?:\/\/[^/]+\/uploads\/.+\.png$/);
  const published = await http(strapi)
    .post(`${deskOf()}/${id}/publish`)
    .set(await as(strapi, 'lead'))
    .send({});
  expect(published.body.data.state).toBe('published');

  const api = await http(strapi)
    .get(
      `/api/briefs?filters[documentId][$eq]=${id}&populate[image][fields][0]=url&populate[image][fields][1]=alternativeText&populate[links][fields][0]=label&populate[links][fields][1]=url`,
    )
    .expect(200);
  expect(api.body.data[0].links.map((l: { label: string; url: string }) => ({ label: l.label, url: l.url }))).toEqual(
    links,
  );
  expect(api.body.data[0].image.alternativeText).toBe('Des panneaux solaires sur un toit');
  expect(new URL(image.url).pathname).toBe(api.body.data[0].image.url);
  expect((await http(strapi).get(new URL(image.url).pathname)).status).toBe(200);

  const worker = new OutboxWorker(strapi, { ...mailingSettings(), poolSize: 2, idleMs: 10 });
  await worker.drain();
  await worker.stop();
  const mail = await inbox.waitFor(people[0]!.email, (m) => (m.subject ?? '').includes(made.body.data.title));
  expect(mail.html).toContain(`<img src="${image.url}" alt="Des panneaux solaires sur un toit"`);
  expect(image.url.startsWith(mailingSettings().publicUrl)).toBe(true);
  expect(mail.html).toContain('<a href="http://example.org/inscription?x=1&amp;y=2">Inscriptions</a>');
  expect(mail.text).toContain('- Le programme : https://example.org/programme');
  expect(mail.text).toContain('- Inscriptions : http://example.org/inscription?x=1&y=2');

  // Published: the desk no longer changes it.
  expect((await setImage(id, 'lead', 'Autre')).status).toBe(409);
});
