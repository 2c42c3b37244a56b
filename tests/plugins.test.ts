import type { Core } from '@strapi/strapi';
import { http, startStrapi, stopStrapi } from './support/strapi';

const ours = ['governance', 'shares', 'moderation'];

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(() => stopStrapi(strapi));

// Strapi starts without a local plugin whose build is missing, silently: these tests are the alarm.
describe.each(ours)('plugin %s', (name) => {
  it('is loaded by the CMS', () => {
    expect(strapi.plugin(name)).toBeDefined();
  });

  it('serves its routes', async () => {
    const res = await http(strapi).get(`/api/${name}/status`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ plugin: name, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });
});
