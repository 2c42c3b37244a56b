/**
 * The mailings page's section for the board: addresses refused for good three times
 * (cms/src/mailing/bounces.ts), searched by address or member name, each reactivated after a
 * confirmation. Shown only to admin users holding `api::mailings.invalid-addresses`.
 */
import * as React from 'react';
import {
  Box,
  Button,
  Dialog,
  Flex,
  Searchbar,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ConfirmDialog, isFetchError, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

interface InvalidAddress {
  documentId: string;
  address: string;
  failures: number;
  lastError: string | null;
  invalidSince: string;
  member: { documentId: string; displayName: string } | null;
}

const messageOf = (error: unknown) =>
  isFetchError(error) ? (error.response?.data?.error?.message ?? error.message) : String(error);

export function InvalidAddresses() {
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `notre-asso.invalid.${id}` }, values);
  const { get, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [q, setQ] = React.useState('');
  const [list, setList] = React.useState<{ data: InvalidAddress[]; total: number } | null>(null);
  const [target, setTarget] = React.useState<InvalidAddress | null>(null);

  const load = React.useCallback(async () => {
    try {
      const { data } = await get<{ data: InvalidAddress[]; meta: { pagination: { total: number } } }>(
        '/mailings/invalid-addresses',
        { params: q.trim() ? { q: q.trim() } : {} },
      );
      setList({ data: data.data, total: data.meta.pagination.total });
    } catch (error) {
      toggleNotification({ type: 'danger', message: messageOf(error) });
    }
  }, [get, q, toggleNotification]);

  React.useEffect(() => {
    void load();
  }, [load]);

  async function reactivate() {
    if (!target) return;
    try {
      await del(`/mailings/invalid-addresses/${target.documentId}`);
      toggleNotification({ type: 'success', message: t('cleared', { address: target.address }) });
    } catch (error) {
      toggleNotification({ type: 'warning', message: messageOf(error) });
    }
    setTarget(null);
    await load();
  }

  return (
    <Box paddingTop={8} tag="section" aria-labelledby="invalid-addresses-title">
      <Typography variant="beta" tag="h2" id="invalid-addresses-title">
        {t('title')}
      </Typography>
      <Box paddingTop={2} paddingBottom={4}>
        <Typography textColor="neutral600">{t('intro')}</Typography>
      </Box>
      <Flex gap={4} paddingBottom={4} alignItems="center">
        <Searchbar
          name="invalid-q"
          value={q}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQ(e.target.value)}
          onClear={() => setQ('')}
          clearLabel={t('cancel')}
          placeholder={t('search')}
        >
          {t('search')}
        </Searchbar>
        {list && <Typography textColor="neutral600">{t('total', { n: list.total })}</Typography>}
      </Flex>
      {list && list.data.length === 0 ? (
        <Typography>{t('empty')}</Typography>
      ) : (
        <Table colCount={6} rowCount={(list?.data.length ?? 0) + 1}>
          <Thead>
            <Tr>
              {['address', 'member', 'failures', 'lastError', 'since', 'action'].map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`column.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {list?.data.map((a) => (
              <Tr key={a.documentId}>
                <Td>
                  <Typography>{a.address}</Typography>
                </Td>
                <Td>
                  <Typography textColor={a.member ? undefined : 'neutral600'}>
                    {a.member?.displayName || t('noMember')}
                  </Typography>
                </Td>
                <Td>
                  <Typography>{a.failures}</Typography>
                </Td>
                <Td>
                  <Typography>{a.lastError ?? ''}</Typography>
                </Td>
                <Td>
                  <Typography>{formatDate(a.invalidSince, { dateStyle: 'short', timeStyle: 'short' })}</Typography>
                </Td>
                <Td>
                  <Button
                    variant="secondary"
                    aria-label={t('reactivateLabel', { address: a.address })}
                    onClick={() => setTarget(a)}
                  >
                    {t('reactivate')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Dialog.Root open={target !== null} onOpenChange={(open: boolean) => !open && setTarget(null)}>
        <ConfirmDialog
          title={t('confirmTitle')}
          variant="default"
          onConfirm={reactivate}
          endAction={
            <Button fullWidth onClick={reactivate}>
              {t('confirm')}
            </Button>
          }
        >
          {target ? t('confirmText', { address: target.address }) : ''}
        </ConfirmDialog>
      </Dialog.Root>
    </Box>
  );
}
