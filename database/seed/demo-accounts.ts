/**
 * The demo accounts of the seeded cooperative, one per role. They exist only in seeded demo data
 * (`npm start`, tests); a production set-up is never seeded. The README lists them.
 */
export const DEMO_PASSWORD = 'Energie-Commune-2026';

export type DemoRole = 'member' | 'lead' | 'moderator' | 'board';

/** Members' accounts (users-permissions), each with a member profile. */
export const demoMembers: Record<DemoRole, { email: string; username: string; displayName: string }> = {
  member: { email: 'membre@energie-commune.example', username: 'camille.membre', displayName: 'Camille Martin' },
  lead: { email: 'animation@energie-commune.example', username: 'lea.animation', displayName: 'Léa Bernard' },
  moderator: { email: 'moderation@energie-commune.example', username: 'hugo.moderation', displayName: 'Hugo Petit' },
  board: { email: 'bureau@energie-commune.example', username: 'ines.bureau', displayName: 'Inès Robert' },
};

/** Admin-panel accounts (http://localhost:1337/admin). */
export const demoAdmins = {
  admin: { email: 'admin@energie-commune.example', firstname: 'Alex', lastname: 'Admin', role: 'strapi-super-admin' },
  editor: {
    email: 'redaction@energie-commune.example',
    firstname: 'Rémi',
    lastname: 'Rédaction',
    role: 'notre-asso-editor',
  },
  // The board's admin-panel account: the governance and shares management pages.
  board: {
    email: 'conseil@energie-commune.example',
    firstname: 'Claire',
    lastname: 'Conseil',
    role: 'notre-asso-board',
  },
} as const;
