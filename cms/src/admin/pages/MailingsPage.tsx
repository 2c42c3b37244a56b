/**
 * Recent mailings (briefs, newsletters, confirmations) with their progress, the failed
 * recipients' last errors, and a button that puts a mailing's failed mails back in the queue.
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

interface Mailing {
  id: number;
  kind: 'brief' | 'newsletter' | 'confirmation';
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
const kinds = [
  { value: ANY, label: 'Every kind' },
  { value: 'brief', label: 'Briefs' },
  { value: 'newsletter', label: 'Newsletters' },
  { value: 'confirmation', label: 'Sign-up confirmations' },
];
const RETRY = [{ action: 'api::mailings.retry', subject: null }];

const messageOf = (error: unknown) =>
  isFetchError(error) ? (error.response?.data?.error?.message ?? error.message) : String(error);

export default function MailingsPage() {
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC({ retry: RETRY });
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
      toggleNotification({ type: 'success', message: `${data.data.retried} failed mails queued again.` });
    } catch (error) {
      toggleNotification({ type: 'warning', message: messageOf(error) });
    }
    await load();
  }

  return (
    <Page.Main>
      <Page.Title>Mailings</Page.Title>
      <Layouts.Header title="Mailings" subtitle="The 50 latest mailings, newest first, with their failures." />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4}>
          <SingleSelect aria-label="Kind" value={kind} onChange={(v: string | number) => setKind(String(v))}>
            {kinds.map((k) => (
              <SingleSelectOption key={k.value} value={k.value}>
                {k.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Checkbox
            checked={failuresOnly}
            onCheckedChange={(v: boolean | 'indeterminate') => setFailuresOnly(v === true)}
          >
            With failures only
          </Checkbox>
        </Flex>
        {mailings === null ? (
          <Page.Loading />
        ) : (
          <Table colCount={6} rowCount={mailings.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">Created</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Kind</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Item</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Progress</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">State</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Failures</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {mailings.map((m) => (
                <Tr key={m.id}>
                  <Td>
                    <Typography>{new Date(m.createdAt).toLocaleString()}</Typography>
                  </Td>
                  <Td>
                    <Typography>{m.kind}</Typography>
                  </Td>
                  <Td>
                    <Typography>{m.title ?? m.item}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {`${m.sent} sent, ${m.failed} failed, ${m.skipped} skipped, ${m.queued} queued of ${m.recipients}`}
                    </Typography>
                  </Td>
                  <Td>
                    <Badge>{m.state}</Badge>
                  </Td>
                  <Td>
                    <Flex direction="column" alignItems="start" gap={1}>
                      {m.failures.map((f) => (
                        <Typography key={f.address} textColor="danger600">
                          {`${f.address} (${f.attempts} attempts): ${f.lastError ?? 'no error recorded'}`}
                        </Typography>
                      ))}
                      {m.failed > m.failures.length && (
                        <Typography textColor="neutral600">{`and ${m.failed - m.failures.length} more`}</Typography>
                      )}
                      {m.failed > 0 && allowedActions.canRetry && (
                        <Button variant="secondary" onClick={() => retry(m)}>
                          {`Retry ${m.failed} failed`}
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
            <Typography>No mailing yet.</Typography>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
