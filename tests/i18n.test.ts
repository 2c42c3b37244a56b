import type { Core } from '@strapi/strapi';
import { defaultLocale, locales } from '@notre-asso/config';
import { as, http, startStrapi, stopStrapi } from './support/strapi';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(() => stopStrapi(strapi));

const pages = async (query: string) =>
  (await http(strapi).get(`/api/pages?pagination[pageSize]=100&${query}`)).body.data;

describe('languages', () => {
  it('the CMS has the configured locales, French by default', async () => {
    const res = await http(strapi).get('/api/i18n/locales');
    expect(res.status).toBe(200);
    const codes = res.body.map((l: { code: string }) => l.code).sort();
    expect(codes).toEqual([...locales].sort());
    expect(res.body.find((l: { isDefault: boolean }) => l.isDefault).code).toBe(defaultLocale);
  });

  it('without a locale the API answers in French', async () => {
    const [page] = await pages('filters[slug]=a-propos');
    expect(page.locale).toBe('fr');
  });

  it('the English variant is the same document, translated', async () => {
    const [fr] = await pages('locale=fr&filters[slug]=a-propos');
    const [en] = await pages('locale=en&filters[slug]=a-propos');
    expect(en.documentId).toBe(fr.documentId);
    expect(en.locale).toBe('en');
    expect(en.title).not.toBe(fr.title);
  });

  it('a page not yet translated has no English version: clients fall back to French', async () => {
    expect(await pages('locale=en&filters[slug]=histoire')).toEqual([]);
    const [fr] = await pages('locale=fr&filters[slug]=histoire');
    expect(fr.locale).toBe('fr');
    // The fallback the site uses: the French version of a document asked in English.
    const res = await http(strapi).get(`/api/pages/${fr.documentId}?locale=en`);
    expect(res.status).toBe(404);
    const fallback = await http(strapi).get(`/api/pages/${fr.documentId}?locale=${defaultLocale}`);
    expect(fallback.body.data.title).toBe(fr.title);
  });

  it('every published French page but one has its English translation', async () => {
    const fr = await pages('locale=fr');
    const en = new Set((await pages('locale=en')).map((p: { documentId: string }) => p.documentId));
    const untranslated = fr
      .filter((p: { documentId: string }) => !en.has(p.documentId))
      .map((p: { slug: string }) => p.slug);
    expect(untranslated).toEqual(['histoire']);
  });
});

describe('a collective is the same in every language', () => {
  const collectiveId = async (slug: string) =>
    (
      await http(strapi)
        .get(`/api/collectives?filters[slug]=${slug}`)
        .set(await as(strapi, 'board'))
    ).body.data[0].documentId;

  it('a translation saved without its collective inherits it, so a members-only page stays members-only', async () => {
    const board = await as(strapi, 'board');
    const membersOnly = await collectiveId('saint-etienne');
    const fr = await http(strapi)
      .post('/api/pages')
      .set(board)
      .send({ data: { title: 'Compte rendu interne', slug: 'compte-rendu-interne', collective: membersOnly } });
    expect(fr.status).toBe(201);
    const en = await http(strapi)
      .put(`/api/pages/${fr.body.data.documentId}?locale=en`)
      .set(board)
      .send({ data: { title: 'Internal minutes', slug: 'compte-rendu-interne' } });
    expect(en.status).toBe(200);

    expect(await pages('locale=en&filters[slug]=compte-rendu-interne')).toEqual([]);
    const asMember = await http(strapi)
      .get('/api/pages?locale=en&filters[slug]=compte-rendu-interne&populate=collective')
      .set(await as(strapi, 'member'));
    expect(asMember.body.data[0].collective.documentId).toBe(membersOnly);

    const moved = await http(strapi)
      .put(`/api/pages/${fr.body.data.documentId}?locale=en`)
      .set(board)
      .send({ data: { collective: await collectiveId('lyon') } });
    expect(moved.status).toBe(400);
    expect(moved.body.error.message).toMatch(/same in every language/);
    await http(strapi).delete(`/api/pages/${fr.body.data.documentId}?locale=*`).set(board);
  });
});
