const route = (method: string, path: string, handler: string) => ({
  method,
  path: `/space/collectives${path}`,
  handler: `membership.${handler}`,
  config: { policies: [] },
});

export default {
  routes: [
    route('GET', '', 'collectives'),
    route('PUT', '/:documentId/follow', 'follow'),
    route('DELETE', '/:documentId/follow', 'unfollow'),
    route('POST', '/:documentId/membership', 'join'),
    route('DELETE', '/:documentId/membership', 'leave'),
    route('GET', '/:documentId/members', 'roster'),
    route('POST', '/:documentId/requests/:profileDocumentId', 'decide'),
    route('DELETE', '/:documentId/members/:profileDocumentId', 'removeMember'),
  ],
};
