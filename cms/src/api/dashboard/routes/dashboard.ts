export default {
  type: 'content-api',
  routes: [
    { method: 'GET', path: '/space/dashboard', handler: 'dashboard.find', config: { policies: [] } },
    {
      method: 'POST',
      path: '/space/notifications/read',
      handler: 'dashboard.readNotifications',
      config: { policies: [] },
    },
  ],
};
