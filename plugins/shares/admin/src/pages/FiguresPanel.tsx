/** The capital month by month (an inline SVG line), per class and college, the yearly counts, and verify. */
import * as React from 'react';
import { Box, Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorMessage, euros } from '../api';

interface Capital {
  months: Array<{ month: string; capitalCents: number }>;
  classes: Array<{ code: string; name: string; college: string | null; capitalCents: number }>;
  colleges: Array<{ college: string | null; capitalCents: number }>;
}
interface Year {
  year: number;
  members: number;
  capitalCents: number;
}
interface Verification {
  ok: boolean;
  differences: Array<{ profileId: number; classId: number; stored: number; fromMovements: number }>;
  capitalCents: number;
  ledgerCapitalCents: number;
}

function Chart({ months }: { months: Capital['months'] }) {
  const width = 600;
  const height = 160;
  const max = Math.max(1, ...months.map((m) => m.capitalCents));
  const x = (i: number) => (months.length < 2 ? width / 2 : (i / (months.length - 1)) * width);
  const y = (cents: number) => height - (cents / max) * height;
  const points = months.map((m, i) => `${x(i)},${y(m.capitalCents)}`).join(' ');
  return (
    <svg viewBox={`-10 -10 ${width + 20} ${height + 30}`} width="100%" role="img" aria-label="capital">
      <polyline points={points} fill="none" stroke="#4945ff" strokeWidth={2} />
      {months.map((m, i) => (
        <circle key={m.month} cx={x(i)} cy={y(m.capitalCents)} r={3} fill="#4945ff">
          <title>{`${m.month} : ${euros(m.capitalCents)}`}</title>
        </circle>
      ))}
      {months.length > 0 && (
        <>
          <text x={0} y={height + 16} fontSize={11}>
            {months[0]!.month}
          </text>
          <text x={width} y={height + 16} fontSize={11} textAnchor="end">
            {months.at(-1)!.month}
          </text>
        </>
      )}
    </svg>
  );
}

export function FiguresPanel() {
  const { formatMessage: t } = useIntl();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [capital, setCapital] = React.useState<Capital | null>(null);
  const [years, setYears] = React.useState<Year[]>([]);
  const [report, setReport] = React.useState<Verification | null>(null);
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: errorMessage(error) });

  React.useEffect(() => {
    get<{ data: Capital }>('/shares/capital')
      .then((r) => setCapital(r.data.data))
      .catch(fail);
    get<{ data: Year[] }>('/shares/years')
      .then((r) => setYears(r.data.data))
      .catch(fail);
  }, [get]);

  const verify = () =>
    get<{ data: Verification }>('/shares/verify')
      .then((r) => setReport(r.data.data))
      .catch(fail);

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Typography variant="beta" tag="h2">
        {t({ id: 'shares.capital.title', defaultMessage: 'Capital au fil des mois' })}
      </Typography>
      <Chart months={capital?.months ?? []} />
      <Table colCount={3} rowCount={(capital?.classes.length ?? 0) + 1}>
        <Thead>
          <Tr>
            <Th>{t({ id: 'shares.col.class', defaultMessage: 'Catégorie' })}</Th>
            <Th>{t({ id: 'shares.col.college', defaultMessage: 'Collège' })}</Th>
            <Th>{t({ id: 'shares.col.capital', defaultMessage: 'Capital' })}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {(capital?.classes ?? []).map((c) => (
            <Tr key={c.code}>
              <Td>{`${c.code} — ${c.name}`}</Td>
              <Td>{c.college ?? '—'}</Td>
              <Td>{euros(c.capitalCents)}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Typography variant="beta" tag="h2">
        {t({ id: 'shares.years.title', defaultMessage: 'Associés et capital par année' })}
      </Typography>
      <Table colCount={3} rowCount={years.length + 1}>
        <Thead>
          <Tr>
            <Th>{t({ id: 'shares.col.year', defaultMessage: 'Année' })}</Th>
            <Th>{t({ id: 'shares.col.members', defaultMessage: 'Associés au 31 décembre' })}</Th>
            <Th>{t({ id: 'shares.col.capital', defaultMessage: 'Capital' })}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {years.map((y) => (
            <Tr key={y.year}>
              <Td>{y.year}</Td>
              <Td>{y.members}</Td>
              <Td>{euros(y.capitalCents)}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <Box>
        <Button onClick={verify}>{t({ id: 'shares.verify.button', defaultMessage: 'Vérifier le registre' })}</Button>
        {report && (
          <Box paddingTop={2}>
            <Typography>
              {report.ok
                ? t({ id: 'shares.verify.ok', defaultMessage: 'Aucune différence : le registre est cohérent.' })
                : t(
                    { id: 'shares.verify.differences', defaultMessage: '{count} différence(s) trouvée(s).' },
                    { count: report.differences.length },
                  )}
            </Typography>
            {report.differences.map((d) => (
              <Typography key={`${d.profileId}/${d.classId}`} tag="p">
                {`#${d.profileId}/${d.classId} : ${d.stored} ≠ ${d.fromMovements}`}
              </Typography>
            ))}
          </Box>
        )}
      </Box>
    </Flex>
  );
}
