/**
 * The board's shares page: the requests queue with its actions, the register with filters and
 * its CSV/PDF downloads, the capital chart, the yearly counts, the verification and the yearly
 * statements' batch.
 */
import * as React from 'react';
import { Box, Button, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorMessage, euros, saveFile, today, type Movement, type Request } from '../api';
import { FiguresPanel } from './FiguresPanel';
import { StatementsPanel } from './StatementsPanel';

const nameOf = (r: Request) => r.member?.displayName ?? r.applicant?.name ?? '—';
const classOf = (r: Request) => (typeof r.shareClass === 'string' ? r.shareClass : r.shareClass.code);

/** The notice after each action, by its target state (ids `shares.done.*`). */
const done: Record<string, string> = {
  approved: 'Demande approuvée.',
  issued: 'Parts émises.',
  rejected: 'Demande rejetée.',
  refused: 'Remboursement refusé.',
  paid: 'Remboursement payé.',
  payment: 'Paiement enregistré.',
};

export default function SharesPage() {
  const { formatMessage: t } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [requests, setRequests] = React.useState<{ subscriptions: Request[]; redemptions: Request[] } | null>(null);
  const [filters, setFilters] = React.useState({ member: '', shareClass: '', kind: '', from: '', to: '' });
  const [page, setPage] = React.useState(1);
  const [register, setRegister] = React.useState<{ movements: Movement[]; total: number; pageSize: number } | null>(
    null,
  );
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) });

  const loadRequests = React.useCallback(
    () =>
      get<{ data: { subscriptions: Request[]; redemptions: Request[] } }>('/shares/requests')
        .then((r) => setRequests(r.data.data))
        .catch(fail),
    [get],
  );
  const loadRegister = React.useCallback(() => {
    const query = new URLSearchParams({ page: String(page) });
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    return get<{ data: { movements: Movement[]; total: number; pageSize: number } }>(`/shares/register?${query}`)
      .then((r) => setRegister(r.data.data))
      .catch(fail);
  }, [get, page, filters]);
  React.useEffect(() => void loadRequests(), [loadRequests]);
  React.useEffect(() => void loadRegister(), [loadRegister]);

  const act = async (kind: 'subscriptions' | 'redemptions', r: Request, to: string) => {
    try {
      if (to === 'paid') {
        const reference = window.prompt(
          t({ id: 'shares.requests.reference', defaultMessage: 'Référence du paiement' }),
        );
        if (!reference) return;
        await post(`/shares/redemptions/${r.documentId}/payment`, { version: r.version, date: today(), reference });
      } else if (to === 'payment') {
        const amount = window.prompt(t({ id: 'shares.requests.amount', defaultMessage: 'Montant reçu (centimes)' }));
        const reference = window.prompt(
          t({ id: 'shares.requests.reference', defaultMessage: 'Référence du paiement' }),
        );
        if (!amount || !reference) return;
        await post(`/shares/subscriptions/${r.documentId}/payments`, {
          amountCents: Number(amount),
          date: today(),
          method: 'transfer',
          reference,
        });
      } else if (to === 'approved' && r.taxLots?.length) {
        // Approving claws the tax reduction back: the board says so expressly, with its reason.
        const reason = window.prompt(
          t({
            id: 'shares.requests.taxOverride',
            defaultMessage:
              'Ces parts sont encore dans leur délai de réduction d’impôt. Raison de rembourser quand même',
          }),
        );
        if (!reason) return;
        await post(`/shares/${kind}/${r.documentId}/decision`, {
          to,
          version: r.version,
          overrideTaxLots: true,
          reason,
        });
      } else {
        const reason =
          to === 'refused'
            ? window.prompt(t({ id: 'shares.requests.reason', defaultMessage: 'Raison du refus' }))
            : null;
        await post(`/shares/${kind}/${r.documentId}/decision`, { to, version: r.version, reason });
      }
      await Promise.all([loadRequests(), loadRegister()]);
      toggleNotification({ type: 'success', message: t({ id: `shares.done.${to}`, defaultMessage: done[to] }) });
    } catch (error) {
      fail(error);
    }
  };

  const download = async (ext: 'csv' | 'pdf') => {
    try {
      const res = await get(`/shares/register.${ext}`, { responseType: 'blob' });
      saveFile(res.data as Blob, `registre-parts-${today()}.${ext}`);
    } catch (error) {
      fail(error);
    }
  };

  const actions: Record<string, Record<string, string[]>> = {
    subscriptions: { submitted: ['payment', 'approved', 'rejected'], approved: ['payment', 'issued', 'rejected'] },
    redemptions: { submitted: ['approved', 'refused'], approved: ['paid'] },
  };
  const field = (key: keyof typeof filters, label: string) => (
    <TextInput
      aria-label={label}
      placeholder={label}
      value={filters[key]}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
        setPage(1);
        setFilters({ ...filters, [key]: e.target.value });
      }}
    />
  );

  return (
    <Page.Main>
      <Page.Title>{t({ id: 'shares.title', defaultMessage: 'Parts sociales' })}</Page.Title>
      <Layouts.Header
        title={t({ id: 'shares.title', defaultMessage: 'Parts sociales' })}
        subtitle={t({ id: 'shares.subtitle', defaultMessage: 'Demandes, registre et capital' })}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box>
            <Typography variant="beta" tag="h2">
              {t({ id: 'shares.requests.title', defaultMessage: 'Demandes en attente' })}
            </Typography>
            <Table
              colCount={7}
              rowCount={(requests?.subscriptions.length ?? 0) + (requests?.redemptions.length ?? 0) + 1}
            >
              <Thead>
                <Tr>
                  <Th>{t({ id: 'shares.col.member', defaultMessage: 'Membre' })}</Th>
                  <Th>{t({ id: 'shares.col.kind', defaultMessage: 'Type' })}</Th>
                  <Th>{t({ id: 'shares.col.class', defaultMessage: 'Catégorie' })}</Th>
                  <Th>{t({ id: 'shares.col.quantity', defaultMessage: 'Parts' })}</Th>
                  <Th>{t({ id: 'shares.col.state', defaultMessage: 'État' })}</Th>
                  <Th>{t({ id: 'shares.col.taxLots', defaultMessage: 'Réduction d’impôt' })}</Th>
                  <Th>{t({ id: 'shares.col.actions', defaultMessage: 'Actions' })}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {(['subscriptions', 'redemptions'] as const).flatMap((kind) =>
                  (requests?.[kind] ?? [])
                    .filter((r) => actions[kind]![r.state])
                    .map((r) => (
                      <Tr key={r.documentId}>
                        <Td>{nameOf(r)}</Td>
                        <Td>{t({ id: `shares.kind.${kind}`, defaultMessage: kind })}</Td>
                        <Td>{classOf(r)}</Td>
                        <Td>{r.quantity}</Td>
                        <Td>{t({ id: `shares.state.${r.state}`, defaultMessage: r.state })}</Td>
                        <Td>
                          {(r.taxLots ?? []).map((lot) => (
                            <Typography key={lot.operationNumber} textColor="danger600" tag="p">
                              {t(
                                {
                                  id: 'shares.taxLots.lot',
                                  defaultMessage: '{quantity} part(s) du {date}, délai jusqu’au {end}',
                                },
                                { quantity: lot.quantity, date: lot.date, end: lot.end },
                              )}
                            </Typography>
                          ))}
                        </Td>
                        <Td>
                          <Flex gap={2}>
                            {actions[kind]![r.state]!.map((to) => (
                              <Button key={to} size="S" variant="secondary" onClick={() => act(kind, r, to)}>
                                {t({ id: `shares.action.${to}`, defaultMessage: to })}
                              </Button>
                            ))}
                          </Flex>
                        </Td>
                      </Tr>
                    )),
                )}
              </Tbody>
            </Table>
          </Box>
          <Box>
            <Typography variant="beta" tag="h2">
              {t({ id: 'shares.register.title', defaultMessage: 'Registre des mouvements' })}
            </Typography>
            <Flex gap={2} paddingTop={2} paddingBottom={2} wrap="wrap">
              {field('member', t({ id: 'shares.filter.member', defaultMessage: 'N° de membre' }))}
              {field('shareClass', t({ id: 'shares.filter.class', defaultMessage: 'Catégorie' }))}
              {field('kind', t({ id: 'shares.filter.kind', defaultMessage: 'Type (issue, redemption…)' }))}
              {field('from', t({ id: 'shares.filter.from', defaultMessage: 'Du (AAAA-MM-JJ)' }))}
              {field('to', t({ id: 'shares.filter.to', defaultMessage: 'Au (AAAA-MM-JJ)' }))}
              <a href="#" onClick={(e) => (e.preventDefault(), download('csv'))}>
                {t({ id: 'shares.register.csv', defaultMessage: 'Télécharger le registre (CSV)' })}
              </a>
              <a href="#" onClick={(e) => (e.preventDefault(), download('pdf'))}>
                {t({ id: 'shares.register.pdf', defaultMessage: 'Télécharger le registre (PDF)' })}
              </a>
            </Flex>
            <Table colCount={7} rowCount={(register?.movements.length ?? 0) + 1}>
              <Thead>
                <Tr>
                  <Th>{t({ id: 'shares.col.operation', defaultMessage: 'N°' })}</Th>
                  <Th>{t({ id: 'shares.col.date', defaultMessage: 'Date' })}</Th>
                  <Th>{t({ id: 'shares.col.member', defaultMessage: 'Membre' })}</Th>
                  <Th>{t({ id: 'shares.col.kind', defaultMessage: 'Type' })}</Th>
                  <Th>{t({ id: 'shares.col.quantity', defaultMessage: 'Parts' })}</Th>
                  <Th>{t({ id: 'shares.col.amount', defaultMessage: 'Montant' })}</Th>
                  <Th>{t({ id: 'shares.col.recordedBy', defaultMessage: 'Enregistré par' })}</Th>
                </Tr>
              </Thead>
              <Tbody>
                {(register?.movements ?? []).map((m) => (
                  <Tr key={m.operationNumber}>
                    <Td>{m.operationNumber}</Td>
                    <Td>{m.effectiveDate}</Td>
                    <Td>{`${m.membershipNumber} ${m.displayName}`}</Td>
                    <Td>{t({ id: `shares.movement.${m.kind}`, defaultMessage: m.kind })}</Td>
                    <Td>{m.quantity}</Td>
                    <Td>{euros(m.amountCents)}</Td>
                    <Td>{m.recordedBy?.email ?? '—'}</Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
            <Flex gap={2} paddingTop={2}>
              <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t({ id: 'shares.page.previous', defaultMessage: 'Précédent' })}
              </Button>
              <Typography>{`${page} / ${Math.max(1, Math.ceil((register?.total ?? 0) / (register?.pageSize ?? 50)))}`}</Typography>
              <Button
                variant="tertiary"
                disabled={!register || page * register.pageSize >= register.total}
                onClick={() => setPage(page + 1)}
              >
                {t({ id: 'shares.page.next', defaultMessage: 'Suivant' })}
              </Button>
            </Flex>
          </Box>
          <FiguresPanel />
          <StatementsPanel />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
