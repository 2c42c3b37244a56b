// Declared before the core routes so that "me" is not taken for a documentId.
export default {
  routes: [
    { method: 'GET', path: '/member-profiles/me', handler: 'member-profile.me', config: { policies: [] } },
    { method: 'PUT', path: '/member-profiles/me', handler: 'member-profile.updateMe', config: { policies: [] } },
  ],
};
