/**
 * One case: the original message (even hidden), its earlier decisions and the reports, and the
 * decisions a moderator may take on it with a note. A decision names the version it was taken
 * on: when another moderator acted first, the server answers 409 and the panel says so.
 */
import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { isFetchError, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorMessage, usePluginText, type CaseDetail } from '../api';

/** The decisions offered for a case's state (the server's rules decide, these only offer). */
const actionsFor = (state: CaseDetail['state']) =>
  state === 'appealed' ? ['uphold', 'overturn'] : ['hide', 'restore', 'warn'];

const ACT = [{ action: 'plugin::moderation.queue.act', subject: null }];

export function CasePanel({ id, onClose, onDecided }: { id: number; onClose(): void; onDecided(): void }) {
  const { get, post } = useFetchClient();
  const { t, when } = usePluginText();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC({ act: ACT });
  const [detail, setDetail] = React.useState<CaseDetail | null>(null);
  const [reason, setReason] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    get<{ data: CaseDetail }>(`/moderation/queue/${id}`).then(
      ({ data }) => setDetail(data.data),
      (error) => toggleNotification({ type: 'danger', message: errorMessage(error) }),
    );
  }, [get, id, toggleNotification]);

  async function decide(action: string) {
    if (!detail) return;
    setBusy(true);
    try {
      await post(`/moderation/queue/${id}/decisions`, { action, version: detail.version, reason });
      toggleNotification({ type: 'success', message: t('case.recorded', { action: t(`action.${action}`) }) });
      onDecided();
    } catch (error) {
      const handled = isFetchError(error) && error.status === 409;
      toggleNotification({
        type: handled ? 'warning' : 'danger',
        message: handled ? t('case.handled') : errorMessage(error),
      });
      if (handled) onDecided();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal.Root open onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t(`case.title.${detail?.item.kind ?? 'message'}`)}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {detail && (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex gap={2}>
                <Badge>{t(`state.${detail.state}`)}</Badge>
                {detail.content.hidden && <Badge>{t('case.hidden')}</Badge>}
                <Typography textColor="neutral600">
                  {t('case.by', { name: detail.content.author.displayName ?? t('case.formerMember') })}
                </Typography>
              </Flex>
              <Box padding={4} background="neutral100" hasRadius>
                {detail.content.title && <Typography variant="delta">{detail.content.title}</Typography>}
                <Typography tag="p">{detail.content.body}</Typography>
              </Box>
              <Typography variant="sigma">{t('case.reports')}</Typography>
              {detail.reports.map((r, i) => (
                <Typography key={i}>
                  {t('case.report', {
                    article: r.article,
                    comment: r.comment ? ` — ${r.comment}` : '',
                    date: when(r.reportedAt),
                  })}
                </Typography>
              ))}
              {detail.log.length > 0 && <Typography variant="sigma">{t('case.history')}</Typography>}
              {detail.log.map((l) => (
                <Typography key={l.id}>
                  {`${when(l.at)} — ${l.action}`}
                  {l.reason ? ` — ${l.reason}` : ''}
                </Typography>
              ))}
              {allowedActions.canAct && (
                <Field.Root name="reason" required>
                  <Field.Label>{t('case.note')}</Field.Label>
                  <Textarea
                    value={reason}
                    onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)}
                  />
                </Field.Root>
              )}
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('case.close')}
          </Button>
          {detail && allowedActions.canAct && (
            <Flex gap={2}>
              {actionsFor(detail.state).map((a) => (
                <Button key={a} disabled={busy || !reason.trim()} onClick={() => decide(a)}>
                  {t(`action.${a}`)}
                </Button>
              ))}
            </Flex>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
