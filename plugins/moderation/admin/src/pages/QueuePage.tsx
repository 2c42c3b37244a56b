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
import { errorMessage, usePluginText, type CaseState, type Filters, type QueueCase } from '../api';
import { CasePanel } from './CasePanel';

const ANY = 'any';
const states: CaseState[] = ['pending', 'appealed', 'upheld', 'dismissed', 'overturned'];
const ages = [ANY, '24', '48', '168'];
const columns = ['opened', 'collective', 'message', 'reasons', 'state', 'action'];

export default function QueuePage() {
  const { get } = useFetchClient();
  const { t, when } = usePluginText();
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
      <Page.Title>{t('queue.title')}</Page.Title>
      <Layouts.Header title={t('queue.title')} subtitle={t('queue.subtitle')} />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4} wrap="wrap">
          <SingleSelect aria-label={t('filter.state')} value={query.state} onChange={set('state')}>
            {states.map((s) => (
              <SingleSelectOption key={s} value={s}>
                {t(`state.${s}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <SingleSelect aria-label={t('filter.collective')} value={query.collective} onChange={set('collective')}>
            <SingleSelectOption value={ANY}>{t('filter.anyCollective')}</SingleSelectOption>
            {filters.collectives.map((c) => (
              <SingleSelectOption key={c.documentId} value={c.documentId}>
                {c.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <SingleSelect aria-label={t('filter.article')} value={query.article} onChange={set('article')}>
            <SingleSelectOption value={ANY}>{t('filter.anyArticle')}</SingleSelectOption>
            {filters.articles.map((a) => (
              <SingleSelectOption key={a} value={a}>
                {t('filter.articleN', { article: a })}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <SingleSelect aria-label={t('filter.age')} value={query.olderThanHours} onChange={set('olderThanHours')}>
            {ages.map((a) => (
              <SingleSelectOption key={a} value={a}>
                {t(`age.${a}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Flex>
        {cases === null ? (
          <Page.Loading />
        ) : cases.length === 0 ? (
          <Box padding={6} background="neutral0" hasRadius>
            <Typography>{t('queue.empty')}</Typography>
          </Box>
        ) : (
          <Table colCount={6} rowCount={cases.length + 1}>
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
              {cases.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <Typography>{when(c.openedAt)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{c.collectiveName}</Typography>
                  </Td>
                  <Td>
                    <Typography textColor="neutral600">{`${t(`kind.${c.item.kind}`)} — `}</Typography>
                    <Typography>{c.excerpt}</Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {c.articles.map((a) => t('reasons.article', { article: a.article, count: a.count })).join(', ') ||
                        t('reasons.count', { n: c.reportCount })}
                    </Typography>
                  </Td>
                  <Td>
                    <Badge>{t(`state.${c.state}`)}</Badge>
                  </Td>
                  <Td>
                    <Button variant="secondary" onClick={() => setOpen(c.id)}>
                      {t('queue.review')}
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
