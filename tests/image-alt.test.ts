import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { as, http, startStrapi, stopStrapi } from './support/strapi';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(() => stopStrapi(strapi));

// A real 1×1 PNG, uploaded through Strapi's own upload service (the media library's path).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface UploadService {
  upload(input: {
    data: { fileInfo: Record<string, unknown> };
    files: Record<string, unknown>;
  }): Promise<Array<{ id: number }>>;
  updateFileInfo(id: number, info: Record<string, unknown>): Promise<unknown>;
}

async function uploadLogo(alternativeText: string): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'logo-'));
  const filepath = path.join(dir, 'logo.png');
  writeFileSync(filepath, PNG);
  const service = strapi.plugin('upload').service('upload') as UploadService;
  const [file] = await service.upload({
    data: { fileInfo: { name: 'logo.png', alternativeText } },
    files: { filepath, originalFilename: 'logo.png', mimetype: 'image/png', size: PNG.length },
  });
  return file.id;
}

describe('images shown on the site need a text alternative', () => {
  it('a logo without alternative text is refused, with where to add it; with one it is accepted', async () => {
    const board = await as(strapi, 'board');
    const lyon = (await http(strapi).get('/api/collectives?filters[slug]=lyon').set(board)).body.data[0];
    const id = await uploadLogo('');

    const refused = await http(strapi)
      .put(`/api/collectives/${lyon.documentId}`)
      .set(board)
      .send({ data: { logo: id } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/no text alternative.*media library/);

    await (strapi.plugin('upload').service('upload') as UploadService).updateFileInfo(id, {
      alternativeText: 'Logo du groupe local de Lyon : une éolienne verte',
    });
    const accepted = await http(strapi)
      .put(`/api/collectives/${lyon.documentId}?populate=logo`)
      .set(board)
      .send({ data: { logo: id } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.data.logo.alternativeText).toMatch(/éolienne/);
    // Leave the seeded collective as the other suites expect it.
    await http(strapi)
      .put(`/api/collectives/${lyon.documentId}`)
      .set(board)
      .send({ data: { logo: null } });
  });
});
