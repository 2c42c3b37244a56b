/**
 * The yearly statement as PDF (état annuel des souscriptions et versements), in French: the
 * organisation, the member, one line per subscription subscribed or paid in N (services/statements.ts
 * says which) and whether it is eligible for the tax reduction, and the year's totals. The member
 * keeps it for their tax return.
 */
import { organisation, timeZone } from '@notre-asso/config';
import { formatEuros, today } from '../rules';
import type { Statement } from '../services/statements';
import { frenchDay } from './certificate';
import { Layout } from './pdf';

export function statementFilename(statement: Statement): string {
  return `etat-annuel-${statement.year}-${statement.membershipNumber || statement.profileId}.pdf`;
}

export async function statementPdf(statement: Statement): Promise<{ filename: string; bytes: Uint8Array }> {
  const { year } = statement;
  const layout = await Layout.create(`État annuel ${year} des souscriptions et versements — ${statement.displayName}`);
  layout.line(organisation.name, { size: 14, bold: true });
  layout.line(organisation.address, { size: 9, gap: 24 });
  layout.line(`État annuel des souscriptions et versements — ${year}`, { size: 16, bold: true, gap: 12 });
  const number = statement.membershipNumber ? `, membre n° ${statement.membershipNumber}` : '';
  layout.line(`Associé : ${statement.displayName}${number}`);
  layout.line(`Parts sociales de ${organisation.name} souscrites ou libérées du 1er janvier au 31 décembre ${year} :`, {
    gap: 10,
  });
  const columns = [
    { at: 0 },
    { at: 62 },
    { at: 245, right: true },
    { at: 340, right: true },
    { at: 425, right: true },
    { at: 440 },
  ];
  const shares = statement.lines.reduce((sum, l) => sum + (l.subscribedCents === null ? 0 : l.quantity), 0);
  layout.table(
    columns,
    [
      ['Date', 'Catégorie', 'Parts', `Souscrit en ${year}`, `Versé en ${year}`, 'Éligible'],
      ...statement.lines.map((l) => [
        frenchDate(l.date),
        `${l.shareClass} — ${l.className}`.slice(0, 32),
        String(l.quantity),
        l.subscribedCents === null ? '—' : formatEuros(l.subscribedCents),
        formatEuros(l.paidCents),
        l.eligible ? 'oui' : 'non',
      ]),
      [`Total ${year}`, '', String(shares), formatEuros(statement.subscribedCents), formatEuros(statement.paidCents)],
    ],
    { header: true },
  );
  layout.space(16);
  layout.line(`Total souscrit en ${year} : ${formatEuros(statement.subscribedCents)}`, { bold: true });
  layout.line(`Total versé en ${year} : ${formatEuros(statement.paidCents)}`, { bold: true });
  layout.line(
    `dont versé sur des parts éligibles à la réduction d’impôt : ${formatEuros(statement.eligiblePaidCents)}`,
    { bold: true, gap: 12 },
  );
  const notes = [
    'Date : jour de l’émission des parts au registre. « — » : souscription d’une autre année dont une partie a été',
    `versée en ${year}. Parts émises par le conseil sans bulletin : souscrites et versées en totalité ce jour-là.`,
    'Versements en numéraire au capital, à conserver pour votre déclaration de revenus. Éligible « oui » : parts que',
    'le conseil a déclarées éligibles à leur émission à la réduction d’impôt pour souscription au capital de PME',
    '(CGI, art. 199 terdecies-0 A) ; seuls leurs versements peuvent y ouvrir droit, si vous en remplissez les',
    'conditions. Cette réduction concerne les personnes physiques.',
  ];
  for (const note of notes) layout.line(note, { size: 9 });
  layout.space(16);
  layout.line(`Établi le ${frenchDay(today(timeZone))}, pour le conseil d’administration.`);
  return { filename: statementFilename(statement), bytes: await layout.bytes() };
}

/** 02/05/2024: short enough for the table. */
const frenchDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
