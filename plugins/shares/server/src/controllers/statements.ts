/**
 * The yearly statements: a member's own, any member's for the board, and the board's batch of
 * every member's (start, progress, the ZIP) — the same handlers serve the content API and the
 * plugin's admin pages.
 */
import { createReadStream } from 'node:fs';
import { statementPdf } from '../documents/statement';
import { NoSuchMember } from '../errors';
import { batchStatus, batchZip, startBatch } from '../services/statement-batch';
import { statementOf, yearOf } from '../services/statements';
import { UID } from '../store';
import type { ActionContext } from './input';
import { handler, ownProfileId, type Strapi } from './viewer';

function sendPdf(ctx: ActionContext, pdf: { filename: string; bytes: Uint8Array }) {
  ctx.set('Content-Type', 'application/pdf');
  ctx.set('Content-Disposition', `attachment; filename="${pdf.filename}"`);
  ctx.body = Buffer.from(pdf.bytes);
}

export default ({ strapi }: Strapi) => ({
  /** A member's own statement for a year. */
  mine: handler(async (ctx) => {
    const year = yearOf(ctx.params.year);
    sendPdf(ctx, await statementPdf(await statementOf(strapi, await ownProfileId(strapi, ctx), year)));
  }),
  /** Board: any member's statement. */
  ofMember: handler(async (ctx) => {
    const year = yearOf(ctx.params.year);
    const row = (await strapi.db
      .query(UID.profile)
      .findOne({ where: { documentId: ctx.params.documentId }, select: ['id'] })) as { id: number } | null;
    if (!row) throw new NoSuchMember();
    sendPdf(ctx, await statementPdf(await statementOf(strapi, row.id, year)));
  }),
  /** Board: every member's statement for a year, in the background; 202 and the progress. */
  startBatch: handler(async (ctx) => {
    ctx.body = { data: startBatch(strapi, yearOf(ctx.params.year)).status };
    ctx.status = 202;
  }),
  batchStatus: handler(async (ctx) => {
    ctx.body = { data: batchStatus(strapi, yearOf(ctx.params.year)) };
  }),
  batchZip: handler(async (ctx) => {
    const zip = batchZip(strapi, yearOf(ctx.params.year));
    ctx.set('Content-Type', 'application/zip');
    ctx.set('Content-Disposition', `attachment; filename="${zip.filename}"`);
    ctx.body = createReadStream(zip.path);
  }),
});
