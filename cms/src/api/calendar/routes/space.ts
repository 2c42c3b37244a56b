export default {
  routes: [
    { method: 'GET', path: '/space/calendar', handler: 'calendar.url', config: { policies: [] } },
    { method: 'POST', path: '/space/calendar/reset', handler: 'calendar.reset', config: { policies: [] } },
    { method: 'GET', path: '/space/calendar/:token', handler: 'calendar.feed', config: { policies: [] } },
  ],
};
