/** Invitations: the board creates and lists them; whoever holds a token may read and accept it. */
export default {
  routes: [
    { method: 'POST', path: '/space/invitations', handler: 'invitation.create', config: { policies: [] } },
    { method: 'GET', path: '/space/invitations', handler: 'invitation.find', config: { policies: [] } },
    { method: 'GET', path: '/space/invitations/:token', handler: 'invitation.preview', config: { policies: [] } },
    {
      method: 'POST',
      path: '/space/invitations/:token/accept',
      handler: 'invitation.accept',
      config: { policies: [] },
    },
  ],
};
