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
    // The newsletter's public sign-up and its double opt-in (the token in the query is the proof).
    route('POST', '/newsletter/subscribers', 'subscribe'),
    route('GET', '/newsletter/confirm', 'confirmSubscriptionPage'),
    route('POST', '/newsletter/confirm', 'confirmSubscription'),
  ],
};
