export default {
  routes: [
    { method: 'POST', path: '/space/event-proposals', handler: 'event-proposal.create', config: { policies: [] } },
    { method: 'GET', path: '/space/event-proposals', handler: 'event-proposal.find', config: { policies: [] } },
    {
      method: 'POST',
      path: '/space/event-proposals/:documentId/decision',
      handler: 'event-proposal.decide',
      config: { policies: [] },
    },
  ],
};
