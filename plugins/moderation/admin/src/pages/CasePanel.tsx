/**
 * One case: the original message (even hidden), its earlier decisions and the reports, and the
 * decisions a moderator may take on it with a note. A decision names the version it was taken
 * on: when another moderator acted first, the server answers 409 and the panel says so.
 */
import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { isFetchError, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { errorMessage, type CaseDetail } from '../api';

/** The decisions offered for a case's state (the server's rules decide, these only offer). */
const actionsFor = (state: CaseDetail['state']) =>
  state === 'appealed'
    ? [
        { action: 'uphold', label: 'Uphold the decision' },
        { action: 'overturn', label: 'Overturn (restore)' },
      ]
    : [
        { action: 'hide', label: 'Hide (uphold the reports)' },
        { action: 'restore', label: 'Restore (dismiss the reports)' },
        { action: 'warn', label: 'Warn the author' },
      ];

const ACT = [{ action: 'plugin::moderation.queue.act', subject: null }];

export function CasePanel({ id, onClose, onDecided }: { id: number; onClose(): void; onDecided(): void }) {
  const { get, post } = useFetchClient();
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
      toggleNotification({ type: 'success', message: `Decision recorded: ${action}.` });
      onDecided();
    } catch (error) {
      const handled = isFetchError(error) && error.status === 409;
      toggleNotification({
        type: handled ? 'warning' : 'danger',
        message: handled ? 'Already handled by another moderator: the queue is reloaded.' : errorMessage(error),
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
          <Modal.Title>Reported {detail?.item.kind ?? 'message'}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {detail && (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex gap={2}>
                <Badge>{detail.state}</Badge>
                {detail.content.hidden && <Badge>hidden</Badge>}
                <Typography textColor="neutral600">
                  by {detail.content.author.displayName ?? 'a former member'}
                </Typography>
              </Flex>
              <Box padding={4} background="neutral100" hasRadius>
                {detail.content.title && <Typography variant="delta">{detail.content.title}</Typography>}
                <Typography tag="p">{detail.content.body}</Typography>
              </Box>
              <Typography variant="sigma">Reports</Typography>
              {detail.reports.map((r, i) => (
                <Typography key={i}>
                  Article {r.article}
                  {r.comment ? ` — ${r.comment}` : ''} ({new Date(r.reportedAt).toLocaleString()})
                </Typography>
              ))}
              {detail.log.length > 0 && <Typography variant="sigma">History</Typography>}
              {detail.log.map((l) => (
                <Typography key={l.id}>
                  {new Date(l.at).toLocaleString()}: {l.action}
                  {l.reason ? ` — ${l.reason}` : ''}
                </Typography>
              ))}
              {allowedActions.canAct && (
                <Field.Root name="reason" required>
                  <Field.Label>Note (why; shown to the author for hide and warn)</Field.Label>
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
            Close
          </Button>
          {detail && allowedActions.canAct && (
            <Flex gap={2}>
              {actionsFor(detail.state).map((a) => (
                <Button key={a.action} disabled={busy || !reason.trim()} onClick={() => decide(a.action)}>
                  {a.label}
                </Button>
              ))}
            </Flex>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
