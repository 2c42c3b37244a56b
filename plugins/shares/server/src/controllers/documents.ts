/** The register's documents: a member's certificate of shares held (the member themself or the board), the register as PDF (the board). */
import type { Core } from '@strapi/strapi';
import { InvalidRequest } from '@notre-asso/plugin-kit';
import { timeZone } from '@notre-asso/config';
import { certificatePdf } from '../documents/certificate';
import { registerPdf } from '../documents/register';
import { NoSuchMember } from '../errors';
import { today } from '../rules';
import { UID } from '../store';
import { optionalDay, type ActionContext } from './input';
import { handler, ownProfileId, type Strapi } from './viewer';

/** `?date=`: a past day or today; the register of a day not yet ended is today's. */
function dateOf(ctx: ActionContext): string | null {
  const date = optionalDay(ctx.query.date, 'date');
  if (date && date > today(timeZone))
    throw new InvalidRequest(
      `Le ${date} est dans le futur : un document du registre porte sur aujourd’hui ou un jour passé.`,
      `${date} is in the future: a document of the register is for today or a past day.`,
      { field: 'date' },
    );
  return date;
}

function sendPdf(ctx: ActionContext, pdf: { filename: string; bytes: Uint8Array }) {
  ctx.set('Content-Type', 'application/pdf');
  ctx.set('Content-Disposition', `attachment; filename="${pdf.filename}"`);
  ctx.body = Buffer.from(pdf.bytes);
}

async function sendCertificate(strapi: Core.Strapi, ctx: ActionContext, profileId: number) {
  sendPdf(ctx, await certificatePdf(strapi, profileId, dateOf(ctx)));
}

export default ({ strapi }: Strapi) => ({
  /** A member's own certificate. */
  myCertificate: handler(async (ctx) => {
    const profileId = await ownProfileId(strapi, ctx);
    await sendCertificate(strapi, ctx, profileId);
  }),
  /** Board: any member's certificate. */
  certificate: handler(async (ctx) => {
    const row = (await strapi.db
      .query(UID.profile)
      .findOne({ where: { documentId: ctx.params.documentId }, select: ['id'] })) as { id: number } | null;
    if (!row) throw new NoSuchMember();
    await sendCertificate(strapi, ctx, row.id);
  }),
  /** Board: the register of holdings at a date, printable. */
  register: handler(async (ctx) => {
    sendPdf(ctx, await registerPdf(strapi, dateOf(ctx)));
  }),
});
