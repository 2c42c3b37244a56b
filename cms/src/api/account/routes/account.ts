/** The members' space account routes; `/api/auth/*` stays users-permissions' own. */
export default {
  routes: [
    { method: 'GET', path: '/space/me', handler: 'account.me', config: { policies: [] } },
    { method: 'POST', path: '/space/acceptances', handler: 'account.accept', config: { policies: [] } },
    { method: 'POST', path: '/space/logout', handler: 'account.logout', config: { policies: [] } },
  ],
};
