import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi, type Viewer } from './support/strapi';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(() => stopStrapi(strapi));

type Entry = Record<string, unknown> & { documentId: string };

async function list(viewer: Viewer, path: string, query = ''): Promise<Entry[]> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await http(strapi)
    .get(`${path}${sep}pagination[pageSize]=100${query}`)
    .set(await as(strapi, viewer));
  expect(res.status).toBe(200);
  return res.body.data;
}

/** The set of values of a field in a list. */
const values = (entries: Entry[], field: string) => new Set(entries.map((e) => e[field]));

/** Ground truth straight from the database, to compare what each role is shown. */
async function publishedInDb(uid: string, where: Record<string, unknown> = {}) {
  return strapi.db.query(uid).count({ where: { ...where, publishedAt: { $notNull: true }, locale: 'fr' } });
}

describe('documents by access level', () => {
  it('anonymous visitors see only public documents', async () => {
    const docs = await list('anonymous', '/api/documents');
    expect(docs.length).toBe(await publishedInDb('api::document.document', { accessLevel: 'public' }));
    expect(values(docs, 'accessLevel')).toEqual(new Set(['public']));
  });

  it('members see public, members-level and the documents of collectives they belong to, never the board’s', async () => {
    const docs = await list('member', '/api/documents', '&populate[collective][fields][0]=slug');
    const levels = values(docs, 'accessLevel');
    expect(levels.has('members')).toBe(true);
    expect(levels.has('board')).toBe(false);
    const me = (
      await http(strapi)
        .get('/api/member-profiles/me')
        .set(await as(strapi, 'member'))
    ).body.data;
    // Collectives they are an active member of or lead: following one is not enough.
    const memberships = await strapi.db.query('api::membership.membership').findMany({
      where: { profile: { documentId: me.documentId }, state: 'active' },
      populate: { collective: { select: ['documentId'] } },
    });
    const mine = new Set([
      ...memberships.map((m: { collective: Entry }) => m.collective.documentId),
      ...(me.ledCollectives as Entry[]).map((c) => c.documentId),
    ]);
    expect(mine.size).toBeGreaterThan(0);
    for (const doc of docs.filter((d) => d.accessLevel === 'collective')) {
      expect(mine.has((doc.collective as Entry).documentId)).toBe(true);
    }
    const expected =
      (await publishedInDb('api::document.document', { accessLevel: { $in: ['public', 'members'] } })) +
      (await publishedInDb('api::document.document', {
        accessLevel: 'collective',
        collective: { documentId: { $in: [...mine] } },
      }));
    expect(docs.length).toBe(expected);
  });

  it('the board sees every document', async () => {
    const docs = await list('board', '/api/documents');
    expect(docs.length).toBe(await publishedInDb('api::document.document'));
    expect(values(docs, 'accessLevel')).toEqual(new Set(['public', 'members', 'collective', 'board']));
  });

  it('a document out of reach answers 404, as if it did not exist', async () => {
    const [boardDoc] = await list('board', '/api/documents', '&filters[accessLevel]=board');
    for (const viewer of ['anonymous', 'member', 'lead', 'moderator'] as Viewer[]) {
      const res = await http(strapi)
        .get(`/api/documents/${boardDoc.documentId}`)
        .set(await as(strapi, viewer));
      expect(res.status).toBe(404);
    }
    const res = await http(strapi)
      .get(`/api/documents/${boardDoc.documentId}`)
      .set(await as(strapi, 'board'));
    expect(res.status).toBe(200);
  });

  it('a viewer’s own filters cannot widen their scope', async () => {
    const docs = await list(
      'anonymous',
      '/api/documents',
      '&filters[$or][0][accessLevel]=board&filters[$or][1][accessLevel]=members',
    );
    expect(docs).toEqual([]);
  });
});

describe('collectives, events and briefs', () => {
  it('anonymous visitors do not see members-only collectives; members do', async () => {
    const publicOnes = await list('anonymous', '/api/collectives');
    expect(values(publicOnes, 'visibility')).toEqual(new Set(['public']));
    const all = await list('member', '/api/collectives');
    expect(all.length).toBe(await publishedInDb('api::collective.collective'));
    expect(all.length).toBeGreaterThan(publicOnes.length);
  });

  it('anonymous visitors see public events only; members see members’ events too', async () => {
    const publicEvents = await list('anonymous', '/api/events');
    expect(values(publicEvents, 'audience')).toEqual(new Set(['public']));
    const all = await list('member', '/api/events');
    expect(values(all, 'audience')).toEqual(new Set(['public', 'members']));
  });

  it('briefs of members-only collectives are for members', async () => {
    const anonymous = await list('anonymous', '/api/briefs', '&populate[collective][fields][0]=visibility');
    expect(anonymous.every((b) => (b.collective as Entry).visibility === 'public')).toBe(true);
    const members = await list('member', '/api/briefs');
    expect(members.length).toBeGreaterThan(anonymous.length);
  });
});

describe('draft and publish', () => {
  it('a draft is invisible to everyone on the API, even asking for drafts, except the board', async () => {
    for (const viewer of ['anonymous', 'member', 'lead', 'moderator'] as Viewer[]) {
      const pages = await list(viewer, '/api/pages', '&status=draft&filters[slug]=brouillon-projet');
      expect(pages).toEqual([]);
    }
    const drafts = await list('board', '/api/pages', '&status=draft&filters[slug]=brouillon-projet');
    expect(drafts).toHaveLength(1);
    expect(drafts[0].publishedAt).toBeNull();
    expect(await list('board', '/api/pages', '&filters[slug]=brouillon-projet')).toEqual([]);
  });

  it('the board creates, updates, publishes and deletes a page over REST', async () => {
    const board = await as(strapi, 'board');
    const created = await http(strapi)
      .post('/api/pages?status=draft')
      .set(board)
      .send({ data: { title: 'Assemblée de printemps', slug: 'assemblee-printemps', body: 'Ordre du jour…' } });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    expect((await list('anonymous', '/api/pages', '&filters[slug]=assemblee-printemps')).length).toBe(0);

    const published = await http(strapi)
      .put(`/api/pages/${id}?status=published`)
      .set(board)
      .send({ data: { title: 'Assemblée de printemps 2027' } });
    expect(published.status).toBe(200);
    const seen = await list('anonymous', '/api/pages', '&filters[slug]=assemblee-printemps');
    expect(seen.map((p) => p.title)).toEqual(['Assemblée de printemps 2027']);

    expect((await http(strapi).delete(`/api/pages/${id}`).set(board)).status).toBe(204);
    expect((await http(strapi).get(`/api/pages/${id}`)).status).toBe(404);
  });

  it('members, leads and moderators cannot write site content', async () => {
    for (const viewer of ['member', 'lead', 'moderator'] as Viewer[]) {
      for (const path of ['/api/pages', '/api/documents', '/api/events', '/api/collectives']) {
        const res = await http(strapi)
          .post(path)
          .set(await as(strapi, viewer))
          .send({ data: { title: 'x', name: 'x', slug: 'x' } });
        expect(res.status).toBe(403);
      }
    }
  });
});

describe('briefs are written by the leads of their collective', () => {
  let lyon: string;
  let other: string;
  beforeAll(async () => {
    const collectives = await list('board', '/api/collectives');
    lyon = collectives.find((c) => c.slug === 'lyon')!.documentId;
    other = collectives.find((c) => c.slug !== 'lyon' && c.kind === 'local')!.documentId;
  });

  it('a lead publishes a brief for their collective, signed with their own profile', async () => {
    const lead = await as(strapi, 'lead');
    const res = await http(strapi)
      .post('/api/briefs?populate=author')
      .set(lead)
      .send({
        data: {
          title: 'Atelier solaire samedi',
          body: 'Venez nombreux.',
          collective: lyon,
          publicationDate: new Date().toISOString(),
        },
      });
    expect(res.status).toBe(201);
    const me = (await http(strapi).get('/api/member-profiles/me').set(lead)).body.data;
    expect(res.body.data.author.documentId).toBe(me.documentId);

    const edited = await http(strapi)
      .put(`/api/briefs/${res.body.data.documentId}`)
      .set(lead)
      .send({ data: { title: 'Atelier solaire dimanche' } });
    expect(edited.status).toBe(200);
    expect((await http(strapi).delete(`/api/briefs/${res.body.data.documentId}`).set(lead)).status).toBe(204);
  });

  it('a lead cannot publish for, edit or delete in a collective they do not lead', async () => {
    const lead = await as(strapi, 'lead');
    const res = await http(strapi)
      .post('/api/briefs')
      .set(lead)
      .send({ data: { title: 'Hors sujet', body: '…', collective: other, publicationDate: new Date().toISOString() } });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/collectives you lead/);

    const [foreign] = await list('board', '/api/briefs', `&filters[collective][documentId]=${other}`);
    expect(
      (
        await http(strapi)
          .put(`/api/briefs/${foreign.documentId}`)
          .set(lead)
          .send({ data: { title: 'x' } })
      ).status,
    ).toBe(403);
    expect((await http(strapi).delete(`/api/briefs/${foreign.documentId}`).set(lead)).status).toBe(403);
  });

  it('the board writes briefs of any collective', async () => {
    const board = await as(strapi, 'board');
    const res = await http(strapi)
      .post('/api/briefs')
      .set(board)
      .send({
        data: { title: 'Mot du conseil', body: '…', collective: other, publicationDate: new Date().toISOString() },
      });
    expect(res.status).toBe(201);
    expect((await http(strapi).delete(`/api/briefs/${res.body.data.documentId}`).set(board)).status).toBe(204);
  });
});

describe('member profiles: personal data only to whom it may be shown', () => {
  it('members see only those who consented to the directory, and only directory fields', async () => {
    const profiles = await list('member', '/api/member-profiles');
    const consenting = await strapi.db
      .query('api::member-profile.member-profile')
      .count({ where: { directoryConsent: true } });
    const me = (
      await http(strapi)
        .get('/api/member-profiles/me')
        .set(await as(strapi, 'member'))
    ).body.data;
    expect(profiles.length).toBe(consenting + (me.directoryConsent ? 0 : 1));
    for (const profile of profiles.filter((p) => p.documentId !== me.documentId)) {
      expect(Object.keys(profile).sort()).toEqual(expect.arrayContaining(['displayName', 'documentId']));
      for (const hidden of [
        'lat',
        'lon',
        'postcode',
        'membershipNumber',
        'newsletterConsent',
        'directoryConsent',
        'user',
      ]) {
        expect(profile).not.toHaveProperty(hidden);
      }
    }
  });

  it('members cannot filter or sort on fields they may not see', async () => {
    for (const query of [
      'filters[lat][$gt]=45',
      'filters[newsletterConsent]=true',
      'sort=lon:asc',
      'filters[$or][0][postcode]=69001',
    ]) {
      const res = await http(strapi)
        .get(`/api/member-profiles?${query}`)
        .set(await as(strapi, 'member'));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/cannot filter or sort/);
    }
  });

  // Fields only a profile has: finding one in an answer means a profile leaked into it.
  const profileData = /"displayName"|"membershipNumber"|"directoryConsent"|"username"/;
  const notBoard: Viewer[] = ['anonymous', 'member', 'lead', 'moderator'];

  it.each([
    '/api/member-profiles?populate[followedCollectives][populate]=followers&filters[directoryConsent]=true',
    '/api/collectives?populate=followers',
    '/api/collectives?populate=*',
    '/api/collectives?populate[leads][fields][0]=membershipNumber',
    '/api/collectives?populate[children][populate][leads]=true',
    '/api/briefs?populate=author',
  ])('no profile leaks through a relation except to the board: %s', async (url) => {
    for (const viewer of notBoard) {
      const res = await http(strapi)
        .get(url)
        .set(await as(strapi, viewer));
      expect({ viewer, leaked: profileData.test(JSON.stringify(res.body)) }).toEqual({ viewer, leaked: false });
    }
    const board = await http(strapi)
      .get(url)
      .set(await as(strapi, 'board'));
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.body)).toMatch(profileData);
  });

  it.each([
    '/api/collectives?filters[followers][lat][$gt]=0',
    '/api/collectives?filters[$or][0][leads][directoryConsent]=false',
    '/api/collectives?sort=leads.displayName:asc',
    '/api/briefs?filters[author][postcode][$startsWith]=69',
  ])('nobody but the board filters or sorts through members’ data: %s', async (url) => {
    for (const viewer of notBoard) {
      const res = await http(strapi)
        .get(url)
        .set(await as(strapi, viewer));
      expect({ viewer, status: res.status }).toEqual({ viewer, status: 400 });
    }
    expect(
      (
        await http(strapi)
          .get(url)
          .set(await as(strapi, 'board'))
      ).status,
    ).toBe(200);
  });

  it('a member’s account (e-mail, username) is not reachable from profiles', async () => {
    for (const viewer of ['member', 'lead', 'moderator'] as Viewer[]) {
      const res = await http(strapi)
        .get('/api/member-profiles?populate=user')
        .set(await as(strapi, viewer));
      expect(JSON.stringify(res.body)).not.toMatch(/"email"|"username"|@energie-commune\.example/);
    }
  });

  it('the guard names the rule', async () => {
    const res = await http(strapi)
      .get('/api/collectives?populate=followers')
      .set(await as(strapi, 'member'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/read through \/api\/member-profiles/);
  });

  it('the board sees every profile with every field', async () => {
    const profiles = await list('board', '/api/member-profiles');
    expect(profiles.length).toBe(await strapi.db.query('api::member-profile.member-profile').count());
    expect(profiles[0]).toHaveProperty('membershipNumber');
  });

  it('a member reads and edits their own profile, but not their membership number', async () => {
    const member = await as(strapi, 'member');
    const me = await http(strapi).get('/api/member-profiles/me').set(member);
    expect(me.status).toBe(200);
    expect(me.body.data).toHaveProperty('membershipNumber');
    const updated = await http(strapi)
      .put('/api/member-profiles/me')
      .set(member)
      .send({ data: { bio: 'Bénévole depuis 2019.', skills: ['photovoltaïque', 'comptabilité'] } });
    expect(updated.status).toBe(200);
    expect(updated.body.data.bio).toBe('Bénévole depuis 2019.');
    const refused = await http(strapi)
      .put('/api/member-profiles/me')
      .set(member)
      .send({ data: { membershipNumber: 'EC-9999' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/membershipNumber/);
  });

  it('a member cannot edit someone else’s profile', async () => {
    const [other] = await list('board', '/api/member-profiles', '&filters[directoryConsent]=true');
    const res = await http(strapi)
      .put(`/api/member-profiles/${other.documentId}`)
      .set(await as(strapi, 'member'))
      .send({ data: { bio: 'x' } });
    expect(res.status).toBe(403);
  });
});
