import type { Core } from '@strapi/strapi';
import { adminRoles } from '@notre-asso/config';
import { DEMO_PASSWORD, demoAdmins } from '../database/seed/demo-accounts';
import { http, startStrapi, stopStrapi } from './support/strapi';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(() => stopStrapi(strapi));

async function adminToken(email: string): Promise<string> {
  const res = await http(strapi).post('/admin/login').send({ email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.body.data.token;
}

describe('admin-panel roles from config/roles.ts', () => {
  it.each(adminRoles.map((r) => [r.code, r] as const))('%s exists with its content types', async (code, def) => {
    const role = await strapi.db.query('admin::role').findOne({ where: { code }, populate: ['permissions'] });
    expect(role).not.toBeNull();
    const subjects = new Set(
      (role.permissions as Array<{ subject: string | null }>).map((p) => p.subject).filter(Boolean),
    );
    expect([...subjects].sort()).toEqual([...def.contentTypes].sort());
  });

  it('an editor manages pages in the content manager but cannot open member profiles', async () => {
    const token = await adminToken(demoAdmins.editor.email);
    const auth = { Authorization: `Bearer ${token}` };
    const pages = await http(strapi).get('/content-manager/collection-types/api::page.page').set(auth);
    expect(pages.status).toBe(200);
    expect(pages.body.results.length).toBeGreaterThan(0);
    const profiles = await http(strapi)
      .get('/content-manager/collection-types/api::member-profile.member-profile')
      .set(auth);
    expect(profiles.status).toBe(403);
  });

  it('the super admin opens everything', async () => {
    const token = await adminToken(demoAdmins.admin.email);
    const profiles = await http(strapi)
      .get('/content-manager/collection-types/api::member-profile.member-profile')
      .set({ Authorization: `Bearer ${token}` });
    expect(profiles.status).toBe(200);
  });
});

describe('the admin panel', () => {
  it('the board’s demo account logs in with the board role', async () => {
    const token = await adminToken(demoAdmins.board.email);
    const me = await http(strapi)
      .get('/admin/users/me')
      .set({ Authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(me.body.data.roles.map((r: { code: string }) => r.code)).toEqual(['notre-asso-board']);
  });

  it('serves its favicon (a missing file only logs an error on every start)', async () => {
    const res = await http(strapi).get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\//);
  });
});
