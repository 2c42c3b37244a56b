/**
 * Recent mailings (briefs, newsletters, confirmations) with their progress, the failed
 * recipients' last errors, and a button that puts a mailing's failed mails back in the queue;
 * below, for the board, the invalid addresses. Texts in translations/{fr,en}.json.
 */
import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { isFetchError, Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { InvalidAddresses } from './InvalidAddresses';

interface Mailing {
  id: number;
  kind: 'brief' | 'newsletter' | 'confirmation' | 'digest';
  item: string;
  title: string | null;
  createdAt: string;
  state: 'running' | 'paused' | 'finished';
  recipients: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
  failures: Array<{ address: string; attempts: number; lastError: string | null; at: string | null }>;
}

const ANY = 'any';
const kinds = [ANY, 'brief', 'newsletter', 'confirmation'];
const RETRY = [{ action: 'api::mailings.retry', subject: null }];
const INVALID_ADDRESSES = [{ action: 'api::mailings.invalid-addresses', subject: null }];
const columns = ['created', 'kind', 'item', 'progress', 'state', 'failures'];

const messageOf = (error: unknown) =>
  isFetchError(error) ? (error.response?.data?.error?.message ?? error.message) : String(error);

export default function MailingsPage() {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `notre-asso.mailings.${id}` }, values);
  // useRBAC names each answer after the action's last part (`…invalid-addresses` → canInvalidAddresses),
  // not after the key given here: keep the two the same.
  const { allowedActions } = useRBAC({ retry: RETRY, invalidAddresses: INVALID_ADDRESSES });
  const [kind, setKind] = React.useState(ANY);
  const [failuresOnly, setFailuresOnly] = React.useState(false);
  const [mailings, setMailings] = React.useState<Mailing[] | null>(null);

  const load = React.useCallback(async () => {
    try {
      const params = { ...(kind === ANY ? {} : { kind }), ...(failuresOnly ? { failures: '1' } : {}) };
      const { data } = await get<{ data: Mailing[] }>('/mailings', { params });
      setMailings(data.data);
    } catch (error) {
      toggleNotification({ type: 'danger', message: messageOf(error) });
    }
  }, [get, kind, failuresOnly, toggleNotification]);

  React.useEffect(() => {
    void load();
  }, [load]);

  async function retry(m: Mailing) {
    try {
      const { data } = await post<{ data: { retried: number } }>(`/mailings/${m.id}/retry`);
      toggleNotification({ type: 'success', message: t('retried', { n: data.data.retried }) });
    } catch (error) {
      toggleNotification({ type: 'warning', message: messageOf(error) });
    }
    await load();
  }

  return (
    <Page.Main>
      <Page.Title>{t('title')}</Page.Title>
      <Layouts.Header title={t('title')} subtitle={t('subtitle')} />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4}>
          <SingleSelect aria-label={t('kind.label')} value={kind} onChange={(v: string | number) => setKind(String(v))}>
            {kinds.map((k) => (
              <SingleSelectOption key={k} value={k}>
                {t(`kind.${k}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Checkbox
            checked={failuresOnly}
            onCheckedChange={(v: boolean | 'indeterminate') => setFailuresOnly(v === true)}
          >
            {t('failuresOnly')}
          </Checkbox>
        </Flex>
        {mailings === null ? (
          <Page.Loading />
        ) : (
          <Table colCount={6} rowCount={mailings.length + 1}>
            <Thead>
              <Tr>
                {columns.map((c) => (
                  <Th key={c}>
                    <Typography variant="sigma">{t(`column.${c}`)}</Typography>
                  </Th>
                ))}
              </Tr>
            </Thead>
            <Tbody>
              {mailings.map((m) => (
                <Tr key={m.id}>
                  <Td>
                    <Typography>{formatDate(m.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Typography>
                  </Td>
                  <Td>
                    <Typography>{t(`kind.${m.kind}`)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{m.title ?? m.item}</Typography>
                  </Td>
                  <Td>
                    <Typography>{t('progress', m as unknown as Record<string, number>)}</Typography>
                  </Td>
                  <Td>
                    <Badge>{t(`state.${m.state}`)}</Badge>
                  </Td>
                  <Td>
                    <Flex direction="column" alignItems="start" gap={1}>
                      {m.failures.map((f) => (
                        <Typography key={f.address} textColor="danger600">
                          {t('failure', {
                            address: f.address,
                            attempts: f.attempts,
                            error: f.lastError ?? t('noError'),
                          })}
                        </Typography>
                      ))}
                      {m.failed > m.failures.length && (
                        <Typography textColor="neutral600">{t('more', { n: m.failed - m.failures.length })}</Typography>
                      )}
                      {m.failed > 0 && allowedActions.canRetry && (
                        <Button variant="secondary" onClick={() => retry(m)}>
                          {t('retry', { n: m.failed })}
                        </Button>
                      )}
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {mailings?.length === 0 && (
          <Box padding={6}>
            <Typography>{t('empty')}</Typography>
          </Box>
        )}
        {allowedActions.canInvalidAddresses && <InvalidAddresses />}
      </Layouts.Content>
    </Page.Main>
  );
}
