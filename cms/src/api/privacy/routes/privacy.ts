export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/space/privacy/export', handler: 'privacy.export', config: { policies: [] } },
    { method: 'POST', path: '/space/privacy/erasure', handler: 'privacy.erasure', config: { policies: [] } },
  ],
};
