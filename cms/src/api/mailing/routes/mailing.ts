const route = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler: `mailing.${handler}`,
  config: { policies: [] },
});

export default {
  routes: [
    route('GET', '/space/briefs/:documentId/mailing', 'progress'),
    route('POST', '/space/briefs/:documentId/mailing/pause', 'pause'),
    route('POST', '/space/briefs/:documentId/mailing/resume', 'resume'),
    // The links in the mails: no login, the signature in the query is the proof.
    route('GET', '/mail/unsubscribe', 'confirmUnsubscribe'),
    route('POST', '/mail/unsubscribe', 'unsubscribe'),
  ],
};
