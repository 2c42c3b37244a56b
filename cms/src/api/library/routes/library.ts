export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/space/documents', handler: 'library.find', config: { policies: [] } },
    { method: 'GET', path: '/space/documents/:documentId/file', handler: 'library.file', config: { policies: [] } },
  ],
};
