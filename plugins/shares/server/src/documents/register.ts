/**
 * The register of holdings at a date as a printable PDF, for the board and the accountant: one
 * line per member and class, as the CSV, then the totals per class and the capital.
 */
import type { Core } from '@strapi/strapi';
import { organisation, timeZone } from '@notre-asso/config';
import { formatEuros, sumCents, today } from '../rules';
import { capitalAt, holdingsAt } from '../services/register';
import { frenchDay } from './certificate';
import { Layout } from './pdf';

export async function registerPdf(strapi: Core.Strapi, date: string | null) {
  const day = date ?? today(timeZone);
  const holdings = await holdingsAt(strapi, date);
  const capital = await capitalAt(strapi, date ?? '9999-12-31');
  const layout = await Layout.create(`Registre des parts sociales au ${day}`);
  layout.line(organisation.name, { size: 14, bold: true });
  layout.line(`Registre des parts sociales au ${frenchDay(day)}`, { size: 16, bold: true, gap: 12 });
  const columns = [{ at: 0 }, { at: 80 }, { at: 330 }, { at: 400, right: true }, { at: 480, right: true }];
  layout.table(
    columns,
    [
      ['N° membre', 'Nom', 'Catégorie', 'Parts', 'Montant'],
      ...holdings.map((h) => [
        h.membershipNumber,
        h.displayName.slice(0, 40),
        h.shareClass,
        String(h.quantity),
        formatEuros(h.valueCents),
      ]),
    ],
    { header: true },
  );
  layout.space(12);
  const perClass = new Map<string, { shares: number; cents: number[] }>();
  for (const h of holdings) {
    const total = perClass.get(h.shareClass) ?? { shares: 0, cents: [] };
    total.shares += h.quantity;
    total.cents.push(h.valueCents);
    perClass.set(h.shareClass, total);
  }
  layout.table(
    columns,
    [
      ['Total par catégorie', '', '', '', ''],
      ...[...perClass].map(([code, t]) => ['', '', code, String(t.shares), formatEuros(sumCents(t.cents))]),
    ],
    { header: true },
  );
  layout.space(12);
  const members = new Set(holdings.map((h) => h.member)).size;
  layout.line(`Capital social : ${formatEuros(capital)} — ${members} associé(s)`, { bold: true });
  return { filename: `registre-parts-${day}.pdf`, bytes: await layout.bytes() };
}
