/**
 * The register's check from the command line (`npm run shares:verify`), run as an operator would,
 * in a process of its own on the test database: a consistent register exits 0 with its report
 * on stdout; a holding changed behind the ledger's back exits 2 naming it; `--rebuild` repairs it
 * from the movements and exits 0; a wrong option exits 1 with the usage.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { holdingProfileColumn, holdingRows, tablesOf } from '../plugins/shares/server/src/store';
import { as, http, startStrapi, stopStrapi } from './support/strapi';

const root = path.resolve(__dirname, '..');

function verify(args: string[] = []): Promise<{ code: number | null; report: Record<string, unknown>; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['database/shares-verify.ts', ...args], {
      cwd: root,
      env: process.env,
    });
    let out = '';
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.trim().split('\n').filter(Boolean);
      resolve({ code, report: lines.length === 1 ? JSON.parse(lines[0]) : { stdout: out }, log });
    });
  });
}

let strapi: Core.Strapi;
let holding: { id: number; quantity: number; profileId: number };

const PROFILE = 'api::member-profile.member-profile';
let profileId: number | undefined;
const code = `V${process.pid % 100_000}`;

beforeAll(async () => {
  strapi = await startStrapi();
  // A holding of its own: 3 shares of a class of its own, issued to a member without an account.
  const created = await http(strapi)
    .post('/api/shares/classes')
    .set(await as(strapi, 'board'))
    .send({ code, name: 'Vérification', nominalCents: 2_500 });
  expect(created.status).toBe(201);
  const profile = (await strapi.db.query(PROFILE).create({
    data: { displayName: 'Sociétaire vérifié', membershipNumber: `V-${process.pid}`, memberSince: '2020-01-01' },
  })) as { id: number; documentId: string };
  profileId = profile.id;
  await strapi.plugin('shares').service('ledger').issue(strapi, {
    member: profile.documentId,
    shareClass: code,
    quantity: 3,
    effectiveDate: '2024-05-02',
    reference: 'BS vérif',
    recordedBy: null,
  });
  holding = await holdingRows(strapi, strapi.db.connection)
    .where(holdingProfileColumn(strapi), profile.id)
    .first('h.id as id', 'h.quantity as quantity', `${holdingProfileColumn(strapi)} as profileId`);
});

afterAll(async () => {
  if (strapi && holding) await strapi.plugin('shares').service('register').rebuild(strapi);
  // Below the Document Service, which keeps a member the register names (as the other shares suites do).
  if (strapi && profileId) {
    await strapi.db.query(PROFILE).delete({ where: { id: profileId } });
    await strapi.db.query('plugin::shares.share-class').delete({ where: { code } });
  }
  await stopStrapi(strapi);
});

describe('npm run shares:verify', () => {
  it('reports a consistent register and exits 0, its one JSON line on stdout', async () => {
    const run = await verify();
    expect(run.code).toBe(0);
    const movements = (await strapi.db.connection(tablesOf(strapi).movement).count({ n: '*' })) as Array<{
      n: unknown;
    }>;
    expect(run.report).toMatchObject({ ok: true, rebuilt: false, gapless: true, differences: [] });
    expect(run.report.operations).toBe(Number(movements[0].n));
    expect(run.report.capitalCents).toBe(run.report.ledgerCapitalCents);
    expect(run.log).toContain('the register is consistent');
  }, 120_000);

  it('finds a holding changed behind the ledger’s back and exits 2; --rebuild repairs it', async () => {
    await strapi.db
      .connection(tablesOf(strapi).holding)
      .where({ id: holding.id })
      .update({ quantity: Number(holding.quantity) + 7 });
    const broken = await verify();
    expect(broken.code).toBe(2);
    expect(broken.report.ok).toBe(false);
    expect(broken.report.differences).toEqual([
      expect.objectContaining({ stored: Number(holding.quantity) + 7, fromMovements: Number(holding.quantity) }),
    ]);
    expect(broken.log).toContain('THE REGISTER IS NOT CONSISTENT');

    const repaired = await verify(['--rebuild']);
    expect(repaired.code).toBe(0);
    expect(repaired.report).toMatchObject({ ok: true, rebuilt: true, differences: [] });
    const quantities = (await holdingRows(strapi, strapi.db.connection)
      .where(holdingProfileColumn(strapi), holding.profileId)
      .select('h.quantity as quantity')) as Array<{ quantity: unknown }>;
    expect(quantities.map((q) => Number(q.quantity))).toEqual([3]);
  }, 180_000);

  it('refuses an unknown option with the usage, exit 1', async () => {
    const run = await verify(['--repair']);
    expect(run.code).toBe(1);
    expect(run.log).toMatch(/usage: npm run shares:verify \[-- --rebuild\]/);
  }, 60_000);
});
