/**
 * The yearly statements for the members' tax returns: the board generates every member's statement
 * of a year in the background, follows its progress and downloads the ZIP (the PDFs and a summary CSV).
 */
import * as React from 'react';
import { Box, Button, Flex, TextInput, Typography } from '@strapi/design-system';
import { isFetchError, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorMessage, saveFile } from '../api';

/** What GET /shares/statements/:year/batch answers (server/src/services/statement-batch.ts). */
interface Batch {
  year: number;
  state: 'running' | 'finished' | 'failed';
  done: number;
  total: number;
  finishedAt: string | null;
  error: string | null;
}

const POLL_MS = 1000;

export function StatementsPanel() {
  const { formatMessage: t } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // Statements of year N are written at the start of year N + 1, for the returns filed that spring.
  const [year, setYear] = React.useState(String(new Date().getFullYear() - 1));
  const [batch, setBatch] = React.useState<Batch | null>(null);
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) });
  const valid = /^\d{4}$/.test(year);

  const load = React.useCallback(async () => {
    if (!valid) return setBatch(null);
    try {
      setBatch((await get<{ data: Batch }>(`/shares/statements/${year}/batch`)).data.data);
    } catch (error) {
      // No batch of that year since the CMS started.
      if (isFetchError(error) && error.status === 404) setBatch(null);
      else fail(error);
    }
  }, [get, year, valid]);
  React.useEffect(() => void load(), [load]);
  React.useEffect(() => {
    if (batch?.state !== 'running') return undefined;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [batch, load]);

  const start = async () => {
    try {
      setBatch((await post<{ data: Batch }>(`/shares/statements/${year}/batch`, {})).data.data);
    } catch (error) {
      fail(error);
    }
  };
  const download = async () => {
    try {
      const res = await get(`/shares/statements/${year}/batch.zip`, { responseType: 'blob' });
      saveFile(res.data as Blob, `etats-annuels-${year}.zip`);
    } catch (error) {
      fail(error);
    }
  };

  const progress =
    batch &&
    {
      running: t(
        { id: 'shares.statements.running', defaultMessage: 'Génération en cours : {done} sur {total} états.' },
        { done: batch.done, total: batch.total },
      ),
      finished: t(
        {
          id: 'shares.statements.finished',
          defaultMessage: '{total, plural, one {# état annuel {year} généré.} other {# états annuels {year} générés.}}',
        },
        { total: batch.total, year: String(batch.year) },
      ),
      failed: t(
        { id: 'shares.statements.failed', defaultMessage: 'La génération a échoué : {error}' },
        { error: batch.error ?? '' },
      ),
    }[batch.state];

  return (
    <Box>
      <Typography variant="beta" tag="h2">
        {t({ id: 'shares.statements.title', defaultMessage: 'États annuels pour la déclaration de revenus' })}
      </Typography>
      <Typography tag="p">
        {t({
          id: 'shares.statements.intro',
          defaultMessage:
            'Pour chaque associé qui a souscrit ou versé dans l’année, les montants souscrits et versés, en un PDF chacun, réunis dans un ZIP avec un récapitulatif CSV. La réduction d’impôt ne concerne que les personnes physiques : ne remettez pas d’état aux personnes morales.',
        })}
      </Typography>
      <Flex gap={2} paddingTop={2} alignItems="center" wrap="wrap">
        <TextInput
          aria-label={t({ id: 'shares.statements.year', defaultMessage: 'Année' })}
          value={year}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setYear(e.target.value.trim())}
        />
        <Button disabled={!valid || batch?.state === 'running'} onClick={start}>
          {t({ id: 'shares.statements.start', defaultMessage: 'Générer les états {year}' }, { year })}
        </Button>
        {batch?.state === 'finished' && (
          <Button variant="secondary" onClick={download}>
            {t({ id: 'shares.statements.download', defaultMessage: 'Télécharger le ZIP' })}
          </Button>
        )}
      </Flex>
      {progress && (
        <Box paddingTop={2} role="status">
          <Typography textColor={batch.state === 'failed' ? 'danger600' : undefined}>{progress}</Typography>
        </Box>
      )}
    </Box>
  );
}
