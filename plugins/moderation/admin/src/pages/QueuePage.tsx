/**
 * The moderation queue: one row per reported item (its reports grouped), filtered by state,
 * collective, charter article and age; opening a row shows the case and its decisions.
 */
import * as React from 'react';
import {
  Badge,
  Box,
  Button,
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
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { errorMessage, type CaseState, type Filters, type QueueCase } from '../api';
import { CasePanel } from './CasePanel';

const ANY = 'any';
const states: CaseState[] = ['pending', 'appealed', 'upheld', 'dismissed', 'overturned'];
const ages = [
  { value: ANY, label: 'Any age' },
  { value: '24', label: 'Older than 24 h' },
  { value: '48', label: 'Older than 48 h' },
  { value: '168', label: 'Older than 7 days' },
];

export default function QueuePage() {
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [filters, setFilters] = React.useState<Filters>({ collectives: [], articles: [] });
  const [query, setQuery] = React.useState({ state: 'pending', collective: ANY, article: ANY, olderThanHours: ANY });
  const [cases, setCases] = React.useState<QueueCase[] | null>(null);
  const [open, setOpen] = React.useState<number | null>(null);

  const load = React.useCallback(async () => {
    try {
      const params = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '' && v !== ANY));
      const { data } = await get<{ data: QueueCase[] }>('/moderation/queue', { params });
      setCases(data.data);
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    }
  }, [get, query, toggleNotification]);

  React.useEffect(() => {
    get<{ data: Filters }>('/moderation/queue/filters').then(
      ({ data }) => setFilters(data.data),
      () => undefined,
    );
  }, [get]);
  React.useEffect(() => {
    void load();
  }, [load]);

  const set = (key: keyof typeof query) => (value: string | number) => setQuery({ ...query, [key]: String(value) });

  return (
    <Page.Main>
      <Page.Title>Moderation queue</Page.Title>
      <Layouts.Header title="Moderation queue" subtitle="Reported messages, grouped by item. Oldest first." />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4} wrap="wrap">
          <SingleSelect aria-label="State" value={query.state} onChange={set('state')}>
            {states.map((s) => (
              <SingleSelectOption key={s} value={s}>
                {s}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <SingleSelect aria-label="Collective" value={query.collective} onChange={set('collective')}>
            <SingleSelectOption value={ANY}>Every collective</SingleSelectOption>
            {filters.collectives.map((c) => (
              <SingleSelectOption key={c.documentId} value={c.documentId}>
                {c.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <SingleSelect aria-label="Charter article" value={query.article} onChange={set('article')}>
            <SingleSelectOption value={ANY}>Any article</SingleSelectOption>
            {filters.articles.map((a) => (
              <SingleSelectOption key={a} value={a}>
                {`Article ${a}`}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <SingleSelect aria-label="Age" value={query.olderThanHours} onChange={set('olderThanHours')}>
            {ages.map((a) => (
              <SingleSelectOption key={a.value} value={a.value}>
                {a.label}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Flex>
        {cases === null ? (
          <Page.Loading />
        ) : cases.length === 0 ? (
          <Box padding={6} background="neutral0" hasRadius>
            <Typography>No report in this view.</Typography>
          </Box>
        ) : (
          <Table colCount={6} rowCount={cases.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">Opened</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Collective</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Message</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Reasons</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">State</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">Action</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {cases.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <Typography>{new Date(c.openedAt).toLocaleString()}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.collectiveName}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral600">{c.item.kind === 'thread' ? 'Thread' : 'Reply'}: </Typography>
                    <Typography>{c.excerpt}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {c.articles.map((a) => `art. ${a.article} × ${a.count}`).join(', ') || `${c.reportCount} reports`}
                    </Typography>
                  </Td>
                  <Td>
                    <Badge>{c.state}</Badge>
                  </Td>
                  <Td>
                    <Button variant="secondary" onClick={() => setOpen(c.id)}>
                      Review
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
        {open !== null && (
          <CasePanel
            id={open}
            onClose={() => setOpen(null)}
            onDecided={() => {
              setOpen(null);
              void load();
            }}
          />
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
