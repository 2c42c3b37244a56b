export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/space/directory', handler: 'directory.find', config: { policies: [] } },
    {
      method: 'POST',
      path: '/space/directory/:documentId/contact',
      handler: 'directory.contact',
      config: { policies: [] },
    },
  ],
};
