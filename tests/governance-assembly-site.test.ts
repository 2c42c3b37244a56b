/**
 * A general assembly's page in the members' space, as the site renders it against the running CMS:
 * my standing (on the voter list or not, my college, my proxies), the agenda with each
 * resolution's versions and its ballot, a proxy given by membership number and revoked, the
 * co-drafting (support, comment) and the API's refusal once its window is over.
 */
import type { Core } from '@strapi/strapi';
import { recordAcceptances } from '../cms/src/account/acceptances';
import { BUILD_TIMEOUT_MS, buildSite, removeBuild, startStrapiForSite } from './support/site';
import { readPage, startSiteServer, submitForm, type SiteServer } from './support/space-site';
import { createMember, removeCreatedMembers, type TestMember } from './support/members';
import { as, http, stopStrapi } from './support/strapi';

let strapi: Core.Strapi | undefined;
let outDir: string | undefined;
let site: SiteServer | undefined;
let voter: TestMember;
let holder: TestMember;
let late: TestMember;
const API = '/api/governance';
const ASSEMBLY = 'plugin::governance.assembly';
const hour = 3600_000;
const day = 24 * hour;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();
const made: string[] = [];
let voting: { assembly: string; resolution: string };
let drafting: { assembly: string; resolution: string; amendment: string };

const cookieOf = (m: TestMember) => `na_session=${m.jwt}`;
const page = (m: TestMember, route: string) => readPage(site!.base, route, { Cookie: cookieOf(m) });
const submit = (m: TestMember, route: string, fields: Record<string, string>) =>
  submitForm(site!.base, route, fields, cookieOf(m));
const moveWindow = (documentId: string, data: Record<string, string>) =>
  strapi!.db.query(ASSEMBLY).update({ where: { documentId }, data: data as never });

/** An assembly with one resolution, its vote two hours ahead (the agenda is set before it opens). */
async function assembly(extra: Record<string, string> = {}) {
  const board = await as(strapi!, 'board');
  const res = await http(strapi!)
    .post(`${API}/assemblies`)
    .set(board)
    .send({
      title: `Assemblée générale ordinaire ${made.length + 1}`,
      kind: 'ordinary',
      date: iso(day),
      place: 'Salle des fêtes',
      link: 'https://visio.example.org/ag',
      votingOpensAt: iso(2 * hour),
      votingClosesAt: iso(3 * hour),
      recordDate: new Date(Date.now() - day).toISOString().slice(0, 10),
      ...extra,
    })
    .expect(201);
  const id = res.body.data.documentId as string;
  made.push(id);
  const added = await http(strapi!)
    .post(`${API}/assemblies/${id}/resolutions`)
    .set(board)
    .send({ title: 'Approbation des comptes', text: 'Les comptes 2026 sont approuvés.', kind: 'ordinary' })
    .expect(201);
  return { assembly: id, resolution: added.body.data.documentId as string };
}

beforeAll(async () => {
  let cmsUrl: string;
  ({ strapi, url: cmsUrl } = await startStrapiForSite());
  outDir = await buildSite(cmsUrl);
  site = await startSiteServer(outDir, cmsUrl);
  voter = await createMember(strapi, { memberSince: '2020-01-01', college: 'salariés' }, 'agvoter');
  holder = await createMember(strapi, { memberSince: '2020-01-01' }, 'agholder');
  late = await createMember(strapi, { memberSince: new Date().toISOString().slice(0, 10) }, 'aglate');
  for (const m of [voter, holder, late]) await recordAcceptances(strapi, m.profileId);

  voting = await assembly();
  // A second version of the text, so the page has a history and a diff to show.
  await http(strapi)
    .put(`${API}/resolutions/${voting.resolution}`)
    .set(await as(strapi, 'board'))
    .send({ text: 'Les comptes 2026 sont approuvés.\nQuitus est donné au conseil.', reason: 'Ajout du quitus' })
    .expect(200);
  await moveWindow(voting.assembly, { votingOpensAt: iso(-hour), votingClosesAt: iso(hour) });

  const draft = await assembly({ draftingOpensAt: iso(-hour), draftingClosesAt: iso(hour) });
  const proposed = await http(strapi)
    .post(`${API}/assemblies/${draft.assembly}/proposals`)
    .set(holder.headers)
    .send({
      kind: 'amendment',
      resolution: draft.resolution,
      text: 'Les comptes 2026 sont approuvés sous réserve.',
      reason: 'Une réserve sur les stocks',
    })
    .expect(201);
  drafting = { ...draft, amendment: proposed.body.data.id as string };
}, BUILD_TIMEOUT_MS + 60_000);

afterAll(async () => {
  if (strapi) {
    // Ballots and participations stay: those tables are append-only.
    const knex = strapi.db.connection;
    const proposals = knex('gov_proposals').whereIn('assembly', made).select('id');
    await knex('gov_supports').whereIn('proposal', proposals).delete();
    await knex('gov_comments').whereIn('proposal', proposals).delete();
    await knex('gov_proposals').whereIn('assembly', made).delete();
    await knex('gov_proxies').whereIn('assembly', made).delete();
    await knex('gov_voters').whereIn('assembly', made).delete();
    const resolutions = (await strapi.db.query('plugin::governance.resolution').findMany({
      where: { assembly: { documentId: { $in: made } } },
      select: ['documentId'],
    })) as Array<{ documentId: string }>;
    await knex('gov_versions')
      .whereIn(
        'resolution',
        resolutions.map((r) => r.documentId),
      )
      .delete();
    await strapi.db
      .query('plugin::governance.resolution')
      .deleteMany({ where: { assembly: { documentId: { $in: made } } } });
    await strapi.db.query(ASSEMBLY).deleteMany({ where: { documentId: { $in: made } } });
    await removeCreatedMembers(strapi);
  }
  await site?.stop();
  removeBuild(outDir);
  await stopStrapi(strapi);
});

async function numberOf(m: TestMember): Promise<string> {
  const profile = (await strapi!.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { id: m.profileId }, select: ['membershipNumber'] })) as { membershipNumber: string };
  return profile.membershipNumber;
}

const route = (id: string) => `/espace/votes/ag/${id}/`;

describe('an assembly’s page', () => {
  it('is for members only', async () => {
    const res = await fetch(`${site!.base}${route(voting.assembly)}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/espace\/connexion\/\?next=/);
  });

  it('is linked from the votes page and answers 404 for an unknown assembly', async () => {
    expect((await page(voter, '/espace/votes/')).text).toContain(`href="${route(voting.assembly)}"`);
    expect((await page(voter, '/espace/votes/ag/nosuchassembly/')).status).toBe(404);
  });

  it('shows a voter their standing, the agenda with its history, before the vote', async () => {
    const before = await page(voter, route(voting.assembly));
    expect(before.status).toBe(200);
    expect(before.text).toContain('Salle des fêtes');
    expect(before.text).toContain('href="https://visio.example.org/ag"');
    expect(before.text).toContain('Vous êtes sur la liste des votants');
    expect(before.text).toContain('Votre collège : salariés');
    expect(before.text).toContain('Quitus est donné au conseil.');
    expect(before.text).toContain('Historique du texte (2 versions)');
    expect(before.text).toContain('Ajout du quitus');
    expect(before.text).toContain('+ [ajouté] Quitus est donné au conseil.');
    expect(before.text).toContain(`id="choice-${voting.resolution}-me-for"`);

    // My convocation to print, through the site with my session; someone not on the list gets none.
    const file = `/espace/votes/ag/${voting.assembly}/convocation.pdf`;
    expect(before.text).toContain(`href="${file}"`);
    const pdf = await fetch(`${site!.base}${file}`, { headers: { Cookie: cookieOf(voter) } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect((await fetch(`${site!.base}${file}`, { headers: { Cookie: cookieOf(late) } })).status).toBe(404);

    const english = await page(voter, `/en/space/votes/ag/${voting.assembly}/`);
    expect(english.text).toContain('You are on the voter list');
    expect(english.text).toContain('<label');
    expect(english.text).toContain('Abstain');
  });

  it('gives a proxy by membership number, shows it to its holder, and revokes it', async () => {
    const unknown = await submit(holder, route(voting.assembly), {
      intent: 'giveProxy',
      assembly: voting.assembly,
      holderNumber: 'ZZ-000000',
    });
    expect(unknown.text).toContain('Aucun membre n’a ce numéro.');
    expect(unknown.text).toMatch(/id="holderNumber"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*form-message/);

    // The API's rules are the page's, in its language.
    const self = await submit(holder, `/en/space/votes/ag/${voting.assembly}/`, {
      intent: 'giveProxy',
      assembly: voting.assembly,
      holderNumber: await numberOf(holder),
    });
    expect(self.text).toContain('You cannot give a proxy to yourself.');

    const given = await submit(holder, route(voting.assembly), {
      intent: 'giveProxy',
      assembly: voting.assembly,
      holderNumber: await numberOf(voter),
    });
    expect(given.text).toContain('Votre pouvoir est donné.');
    expect(given.text).toContain(`Vous avez donné pouvoir à ${voter.displayName}.`);

    const held = await page(voter, route(voting.assembly));
    expect(held.text).toContain(`Vous détenez le pouvoir de : ${holder.displayName}.`);
    expect(held.text).toContain(`Vote pour ${holder.displayName} (pouvoir)`);
    expect(held.text).toContain(`id="choice-${voting.resolution}-${holder.documentId}-against"`);

    const revoked = await submit(holder, route(voting.assembly), { intent: 'revokeProxy', assembly: voting.assembly });
    expect(revoked.text).toContain('Votre pouvoir est révoqué.');
    expect(revoked.text).not.toContain('Vous avez donné pouvoir');
    expect(await strapi!.db.connection('gov_proxies').where({ assembly: voting.assembly }).select('giver_id')).toEqual(
      [],
    );
    expect((await page(voter, route(voting.assembly))).text).not.toContain('(pouvoir)');

    const again = await submit(holder, route(voting.assembly), {
      intent: 'giveProxy',
      assembly: voting.assembly,
      holderNumber: await numberOf(voter),
    });
    expect(again.text).toContain('Votre pouvoir est donné.');
  });

  it('takes the member’s vote and the one they cast with a proxy; the proxy is then kept', async () => {
    const voted = await submit(voter, route(voting.assembly), {
      intent: 'voteResolution',
      resolution: voting.resolution,
      choice: 'for',
    });
    expect(voted.posted).toBe(303);
    expect(voted.text).toMatch(/Votre vote est enregistré\. Gardez ce code de reçu[^:]*: [\w-]{16}/);
    expect(voted.text).toContain('Vous avez voté sur cette résolution.');
    expect(voted.text).not.toContain(`id="choice-${voting.resolution}-me-for"`);

    const forHolder = await submit(voter, route(voting.assembly), {
      intent: 'voteResolution',
      resolution: voting.resolution,
      onBehalfOf: holder.documentId,
      choice: 'against',
    });
    expect(forHolder.text).toContain('Votre vote est enregistré.');
    expect(forHolder.text).not.toContain(`id="choice-${voting.resolution}-${holder.documentId}-for"`);

    const revoke = await submit(holder, route(voting.assembly), { intent: 'revokeProxy', assembly: voting.assembly });
    expect(revoke.text).toContain('Le pouvoir ne peut plus être révoqué : son détenteur a déjà voté.');
  });

  it('tells a member admitted after the record date they are not on the list, without a ballot', async () => {
    const view = await page(late, route(voting.assembly));
    expect(view.status).toBe(200);
    expect(view.text).toContain('Vous n’êtes pas sur la liste des votants');
    expect(view.text).not.toContain('name="choice"');
    expect(view.text).not.toContain('name="holderNumber"');
  });

  it('shows the results once voting has closed', async () => {
    await moveWindow(voting.assembly, { votingClosesAt: iso(-1) });
    const closed = await page(voter, route(voting.assembly));
    expect(closed.text).toContain('Pour : 1, contre : 1, abstentions : 0');
    expect(closed.text).toMatch(/Quorum (non )?atteint/);
    expect(closed.text).not.toContain('name="choice"');
  });
});

describe('the co-drafting on an assembly’s page', () => {
  it('shows the amendment, takes a support and a comment, and withdraws the support', async () => {
    const view = await page(voter, route(drafting.assembly));
    // The standing is there before the vote opens.
    expect(view.text).toContain('<dd>À venir</dd>');
    expect(view.text).toContain('Vous êtes sur la liste des votants');
    expect(view.text).toContain('Amendement à « Approbation des comptes »');
    expect(view.text).toContain('Une réserve sur les stocks');
    expect(view.text).toContain('0 soutien(s)');
    expect(view.text).toContain('<label for="amend-text">');

    const supported = await submit(voter, route(drafting.assembly), {
      intent: 'support',
      proposal: drafting.amendment,
    });
    expect(supported.text).toContain('Votre soutien est enregistré.');
    expect(supported.text).toContain(`1 soutien(s) : ${voter.displayName}`);
    expect(supported.text).toContain('Retirer mon soutien');

    const commented = await submit(voter, route(drafting.assembly), {
      intent: 'comment',
      proposal: drafting.amendment,
      text: 'Quelle réserve exactement ?',
    });
    expect(commented.text).toContain('Votre commentaire est publié.');
    expect(commented.text).toContain('Quelle réserve exactement ?');

    const empty = await submit(voter, route(drafting.assembly), {
      intent: 'propose',
      kind: 'amendment',
      assembly: drafting.assembly,
      resolution: drafting.resolution,
      text: '',
      reason: 'Pourquoi pas',
    });
    expect(empty.text).toContain('text is required');
    expect(empty.text).toMatch(/id="amend-text"[^>]*aria-invalid="true"/);

    const drafted = await submit(voter, `/en/space/votes/ag/${drafting.assembly}/`, {
      intent: 'propose',
      kind: 'resolution',
      assembly: drafting.assembly,
      title: 'Création d’un fonds de solidarité',
      resolutionKind: 'ordinary',
      text: 'Un fonds de solidarité est créé.',
    });
    expect(drafted.text).toContain('Your proposal is recorded.');
    expect(drafted.text).toContain('Draft resolution: Création d’un fonds de solidarité');

    const withdrawn = await submit(voter, route(drafting.assembly), {
      intent: 'withdrawSupport',
      proposal: drafting.amendment,
    });
    expect(withdrawn.text).toContain('Votre soutien est retiré.');
    expect(withdrawn.text).toContain('0 soutien(s)');
  });

  it('hides the forms after the window and shows the API’s refusal when posted anyway', async () => {
    await moveWindow(drafting.assembly, { draftingClosesAt: iso(-1) });
    const view = await page(voter, route(drafting.assembly));
    expect(view.text).not.toContain('name="intent" value="support"');
    expect(view.text).not.toContain('Proposer un amendement');
    const late = await submit(voter, route(drafting.assembly), { intent: 'support', proposal: drafting.amendment });
    expect(late.text).toContain('La rédaction collaborative est ouverte du');
  });
});

describe('a proxy named by membership number (API)', () => {
  it('refuses a body without holder nor number (400) and an unknown number (404)', async () => {
    const other = await assembly();
    const none = await http(strapi!).post(`${API}/assemblies/${other.assembly}/proxy`).set(voter.headers).send({});
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body.error)).toContain('holderNumber is required');
    const unknown = await http(strapi!)
      .post(`${API}/assemblies/${other.assembly}/proxy`)
      .set(voter.headers)
      .send({ holderNumber: 'ZZ-000000' });
    expect(unknown.status).toBe(404);
  });
});

describe('choosing a proxy holder from a list', () => {
  it('lists eligible members found by name as the directory shows them, and gives the proxy to the one picked', async () => {
    const tag = `Zélie${Date.now()}`;
    const named = (name: string, extra: Record<string, unknown> = {}) =>
      createMember(strapi!, { memberSince: '2020-01-01', displayName: `${tag} ${name}`, ...extra }, 'agpick');
    const giver = await named('Donneuse');
    await recordAcceptances(strapi!, giver.profileId);
    const candidate = await named('Candidate');
    const hidden = await named('Discrète', { directoryConsent: false });
    const newcomer = await named('Arrivée', { memberSince: new Date().toISOString().slice(0, 10) });
    const full = await named('Comblée');
    const givers = await Promise.all([1, 2, 3].map(() => createMember(strapi!, { memberSince: '2020-01-01' })));
    const picked = await assembly();
    // Fill one holder up to the cap, so that they are no longer offered.
    const first = await http(strapi!)
      .get(`${API}/assemblies/${picked.assembly}/proxy-holders?q=${encodeURIComponent(tag)}`)
      .set(giver.headers)
      .expect(200);
    const cap = first.body.data.cap as number;
    expect(cap).toBeLessThanOrEqual(givers.length);
    for (const g of givers.slice(0, cap))
      await http(strapi!)
        .post(`${API}/assemblies/${picked.assembly}/proxy`)
        .set(g.headers)
        .send({ holder: full.documentId })
        .expect(201);

    const view = await page(giver, `${route(picked.assembly)}?holder-q=zelie${tag.slice(5)}`);
    expect(view.status).toBe(200);
    expect(view.text).toContain(`id="holder-${candidate.documentId}"`);
    expect(view.text).toContain(`${tag} Candidate`);
    for (const absent of [giver, hidden, newcomer, full])
      expect(view.text).not.toContain(`holder-${absent.documentId}`);
    expect(view.text).not.toContain(candidate.email);

    const given = await submit(giver, route(picked.assembly), {
      intent: 'giveProxy',
      assembly: picked.assembly,
      holder: candidate.documentId,
    });
    expect(given.text).toContain('Votre pouvoir est donné.');
    expect(given.text).toContain(`Vous avez donné pouvoir à ${tag} Candidate.`);
  });
});
