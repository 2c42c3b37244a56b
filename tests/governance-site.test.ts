/**
 * The members' votes page, as the site renders it against the running CMS: open polls with their
 * ballot form in French and English, a vote through the form (the receipt comes back in the
 * page's message), and the ballot recorded as the form said.
 */
import type { Core } from '@strapi/strapi';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { postForm, readPage, setCookie, startSiteServer, type SiteServer } from './support/space-site';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { stopStrapi } from './support/strapi';

let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let member: TestMember;
let cookie: string;
const polls: string[] = [];
const hour = 3600_000;

async function poll(data: Record<string, unknown>) {
  const created = (await strapi!.documents('plugin::governance.poll').create({
    data: {
      options: ['Vert', 'Bleu', 'Jaune'],
      opensAt: new Date(Date.now() - hour),
      closesAt: new Date(Date.now() + hour),
      ...data,
    } as never,
  })) as unknown as { documentId: string };
  polls.push(created.documentId);
  return created.documentId;
}

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  member = await createMember(strapi, {}, 'votes');
  await recordAcceptances(strapi, member.profileId);
  cookie = `na_session=${member.jwt}`;
}, BUILD_TIMEOUT_MS + 30_000);

afterAll(async () => {
  if (strapi) {
    // Ballots and participations stay: those tables are append-only.
    await strapi.db.query('plugin::governance.poll').deleteMany({ where: { documentId: { $in: polls } } });
    await strapi.db.query('api::acceptance.acceptance').deleteMany({ where: { profile: { id: member.profileId } } });
    await removeCreatedMembers(strapi);
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

const page = (route: string, headers: Record<string, string> = {}) =>
  readPage(site!.base, route, { Cookie: cookie, ...headers });

async function ballotOf(pollId: string) {
  const rows = await strapi!.db
    .connection('gov_ballots')
    .where({ subject: `poll:${pollId}` })
    .select('choice');
  return rows.map((r: { choice: string }) => JSON.parse(r.choice));
}

describe('the votes page', () => {
  it('is for members only', async () => {
    const res = await fetch(`${site!.base}/espace/votes/`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/espace\/connexion\/\?next=/);
  });

  it('shows an open poll with its ballot, votes through the form and gives the receipt', async () => {
    const id = await poll({ question: 'Quelle couleur pour le local ?', method: 'single' });
    const before = await page('/espace/votes/');
    expect(before.status).toBe(200);
    expect(before.text).toContain('Quelle couleur pour le local ?');
    expect(before.text).toContain(`id="choice-${id}-1"`);
    const dashboard = await page('/espace/');
    expect(dashboard.text).toContain('Votes qui attendent le vôtre');
    expect(dashboard.text).toContain('Quelle couleur pour le local ?');
    const posted = await postForm(
      site!.base,
      '/espace/votes/',
      { intent: 'vote', poll: id, choice: '1' },
      { Cookie: cookie },
    );
    expect(posted.status).toBe(303);
    const flash = (setCookie(posted, 'na_flash') as string).split(';')[0];
    const after = await page('/espace/votes/', { Cookie: `${cookie}; ${flash}` });
    expect(after.text).toMatch(
      /Votre vote est enregistré\. Gardez ce code de reçu pour vérifier qu’il a été compté : [\w-]{16}/,
    );
    expect(after.text).toContain('Vous avez voté.');
    expect((await page('/espace/')).text).not.toContain('Quelle couleur pour le local ?');
    expect(await ballotOf(id)).toEqual([[1]]);
  });

  it('takes a ranking in order of the ranks given, and refuses a rank used twice', async () => {
    const id = await poll({ question: 'Classez les projets', method: 'ranked' });
    const twice = await postForm(
      site!.base,
      '/en/space/votes/',
      { intent: 'vote', poll: id, 'rank-0': '1', 'rank-1': '1' },
      { Cookie: cookie },
    );
    const refused = await page('/en/space/votes/', {
      Cookie: `${cookie}; ${(setCookie(twice, 'na_flash') as string).split(';')[0]}`,
    });
    expect(refused.text).toContain('Each rank can be used only once.');
    expect(refused.text).toContain('Open polls');
    await postForm(
      site!.base,
      '/en/space/votes/',
      { intent: 'vote', poll: id, 'rank-0': '2', 'rank-2': '1' },
      { Cookie: cookie },
    );
    expect(await ballotOf(id)).toEqual([[2, 0]]);

    // Once closed, its ballots can be counted by anyone who voted, from a BLT file.
    await strapi!.db
      .query('plugin::governance.poll')
      .update({ where: { documentId: id }, data: { closesAt: new Date(Date.now() - 1) } as never });
    const file = `/espace/votes/sondage/${id}/bulletins.blt`;
    expect((await page('/espace/votes/')).text).toContain(`href="${file}"`);
    const blt = await fetch(`${site!.base}${file}`, { headers: { Cookie: cookie } });
    expect(blt.status).toBe(200);
    expect((await blt.text()).split('\n').slice(0, 3)).toEqual(['3 1', '1 3 1 0', '0']);
  });

  it('a public poll says so once voted, and its results show who voted what', async () => {
    const id = await poll({ question: 'Quel jour pour la fête ?', method: 'single', secret: false });
    await postForm(site!.base, '/espace/votes/', { intent: 'vote', poll: id, choice: '2' }, { Cookie: cookie });
    expect((await page('/espace/votes/')).text).toContain('Ce sondage est public');
    await strapi!.db
      .query('plugin::governance.poll')
      .update({ where: { documentId: id }, data: { closesAt: new Date(Date.now() - 1) } as never });
    const closed = await page('/en/space/votes/');
    expect(closed.text).toContain(`${member.displayName}: Jaune`);
  });
});
