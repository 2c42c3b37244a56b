/**
 * The certificate of shares held (attestation de détention de parts sociales) by one member at
 * a date, from the register at the end of that day: what a member shows their bank, a notary or
 * the tax office. In French, the language of the register.
 */
import type { Core } from '@strapi/strapi';
import { organisation, timeZone } from '@notre-asso/config';
import { NoSuchMember } from '../errors';
import { formatEuros, today } from '../rules';
import { holdingsAt } from '../services/register';
import { listClasses } from '../services/settings';
import { UID } from '../store';
import { Layout } from './pdf';

/** « 2 mai 2024 »: a calendar day for people. */
export function frenchDay(day: string): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export interface Certificate {
  filename: string;
  bytes: Uint8Array;
}

export async function certificatePdf(
  strapi: Core.Strapi,
  profileId: number,
  date: string | null,
): Promise<Certificate> {
  const profile = (await strapi.db
    .query(UID.profile)
    .findOne({ where: { id: profileId }, select: ['displayName', 'membershipNumber'] })) as {
    displayName: string;
    membershipNumber: string | null;
  } | null;
  if (!profile) throw new NoSuchMember();
  const day = date ?? today(timeZone);
  const holdings = await holdingsAt(strapi, date, strapi.db.connection, profileId);
  const names = new Map((await listClasses(strapi)).map((c) => [c.code, c]));
  const layout = await Layout.create(`Attestation de parts sociales — ${profile.displayName}`);
  layout.line(organisation.name, { size: 14, bold: true });
  layout.line(organisation.address, { size: 9, gap: 24 });
  layout.line('Attestation de détention de parts sociales', { size: 16, bold: true, gap: 12 });
  const number = profile.membershipNumber ? `, membre n° ${profile.membershipNumber},` : '';
  layout.line(`Nous attestons que ${profile.displayName}${number}`);
  layout.line(`détient au ${frenchDay(day)} les parts sociales suivantes de ${organisation.name} :`, { gap: 10 });
  const total = holdings.reduce((sum, h) => ({ shares: sum.shares + h.quantity, cents: sum.cents + h.valueCents }), {
    shares: 0,
    cents: 0,
  });
  const columns = [{ at: 0 }, { at: 270, right: true }, { at: 380, right: true }, { at: 480, right: true }];
  layout.table(
    columns,
    [
      ['Catégorie', 'Parts', 'Nominal', 'Montant'],
      ...holdings.map((h) => {
        const shareClass = names.get(h.shareClass);
        return [
          `${h.shareClass} — ${shareClass?.name ?? ''}`,
          String(h.quantity),
          formatEuros(shareClass?.nominalCents ?? 0),
          formatEuros(h.valueCents),
        ];
      }),
      ['Total', String(total.shares), '', formatEuros(total.cents)],
    ],
    { header: true },
  );
  layout.space(16);
  if (holdings.length === 0) layout.line('Aucune part sociale n’est inscrite à son nom à cette date.', { gap: 8 });
  layout.line('Montants au nominal, d’après le registre des mouvements de parts sociales.', { size: 9, gap: 20 });
  layout.line(`Établie le ${frenchDay(today(timeZone))}, pour le conseil d’administration.`);
  return {
    filename: `attestation-parts-${profile.membershipNumber ?? profileId}-${day}.pdf`,
    bytes: await layout.bytes(),
  };
}
