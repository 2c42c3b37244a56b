/**
 * Who may call which content-API action: declared here once, applied by the CMS at every start
 * (cms/src/bootstrap/permissions.ts) and checked route by route by tests/permissions.
 *
 * Row-level rules (a member sees members-level documents, a lead writes only their collective's
 * briefs) live in the CMS's access module; this matrix only says which actions a role reaches.
 */

export type RoleKey = 'public' | 'member' | 'lead' | 'moderator' | 'board';

export interface RoleDefinition {
  /** users-permissions role `type`: `public` and `authenticated` are the plugin's own roles. */
  type: string;
  name: string;
  description: string;
  /** This role may do everything the inherited role may. */
  inherits?: RoleKey;
  allow: string[];
}

const crud = (uid: string, actions: string[]) => actions.map((a) => `${uid}.${a}`);
const read = ['find', 'findOne'];
const write = ['create', 'update', 'delete'];

const page = 'api::page.page';
const collective = 'api::collective.collective';
const document = 'api::document.document';
const event = 'api::event.event';
const brief = 'api::brief.brief';
const profile = 'api::member-profile.member-profile';
const category = 'api::category.category';
const tag = 'api::tag.tag';
const up = 'plugin::users-permissions';
const account = 'api::account.account';
const invitation = 'api::invitation.invitation';
// The members' space around collectives and events (cms/src/participation).
const membership = 'api::membership.membership';
const registration = 'api::registration.registration';
const proposal = 'api::event-proposal.event-proposal';
const calendar = 'api::calendar.calendar';
// Votes (plugins/governance): members vote and give proxies; the board convenes and recounts.
const governance = 'plugin::governance';
const governanceForMembers = [
  ...crud(`${governance}.poll`, ['find', 'findOne', 'vote', 'results', 'blt']),
  ...crud(`${governance}.assembly`, [
    'find',
    'findOne',
    'standing',
    'giveProxy',
    'revokeProxy',
    'proxyHolders',
    'results',
  ]),
  ...crud(`${governance}.resolution`, ['vote', 'findOne']),
  `${governance}.convocation.mine`,
  ...crud(`${governance}.proposal`, ['find', 'create', 'findOne', 'support', 'withdrawSupport', 'comment']),
];
const governanceForBoard = [
  ...crud(`${governance}.poll`, ['create', 'update', 'recount']),
  ...crud(`${governance}.assembly`, ['create', 'addResolution', 'recount']),
  ...crud(`${governance}.convocation`, ['send', 'record', 'pdf']),
  ...crud(`${governance}.minutes`, ['markdown', 'pdf']),
  ...crud(`${governance}.room`, ['recordAttendance', 'attendance', 'recordCount', 'count']),
  `${governance}.resolution.update`,
  `${governance}.proposal.decide`,
];
// Discussions, reports and the moderation queue (plugins/moderation): the queue's rows are
// scoped by who moderates what (leads their collectives, moderators and the board everything).
const moderation = 'plugin::moderation';
const discussing = [
  ...crud(`${moderation}.discussion`, ['threads', 'startThread', 'thread', 'editThread', 'reply', 'editReply']),
  ...crud(`${moderation}.report`, ['create', 'mine', 'appeal', 'cases']),
  ...crud(`${moderation}.exchange`, ['find', 'create', 'findOne', 'withdraw']),
];
const moderating = crud(`${moderation}.queue`, ['find', 'findOne', 'decide', 'log']);
const space = [
  'api::dashboard.dashboard.find',
  'api::dashboard.dashboard.readNotifications',
  'api::library.library.find',
  'api::library.library.file',
  'api::directory.directory.find',
  'api::directory.directory.contact',
  'api::privacy.privacy.export',
  'api::privacy.privacy.erasure',
];
// The shares register (plugins/shares): members read their own shares, the board keeps the register.
const shares = 'plugin::shares';
const sharesForMembers = [
  `${shares}.holdings.mine`,
  `${shares}.subscriptions.mine`,
  `${shares}.subscriptions.cancel`,
  `${shares}.redemptions.create`,
  `${shares}.redemptions.mine`,
  `${shares}.redemptions.cancel`,
  `${shares}.documents.myCertificate`,
  `${shares}.statements.mine`,
];
const sharesForBoard = [
  `${shares}.classes.create`,
  `${shares}.holdings.register`,
  `${shares}.holdings.registerCsv`,
  `${shares}.holdings.journalCsv`,
  `${shares}.ledger.find`,
  `${shares}.ledger.record`,
  `${shares}.ledger.transfer`,
  `${shares}.ledger.reverse`,
  `${shares}.ledger.verify`,
  `${shares}.settings.find`,
  `${shares}.settings.update`,
  `${shares}.subscriptions.find`,
  `${shares}.subscriptions.decide`,
  `${shares}.subscriptions.pay`,
  `${shares}.subscriptions.overdue`,
  `${shares}.redemptions.find`,
  `${shares}.redemptions.decide`,
  `${shares}.redemptions.pay`,
  `${shares}.documents.certificate`,
  `${shares}.documents.register`,
  `${shares}.statements.ofMember`,
  `${shares}.statements.startBatch`,
  `${shares}.statements.batchStatus`,
  `${shares}.statements.batchZip`,
];

export const roles: Record<RoleKey, RoleDefinition> = {
  public: {
    type: 'public',
    name: 'Public',
    description: 'Anyone, not logged in: published public content only.',
    allow: [
      ...[page, collective, document, event, brief, category, tag].flatMap((uid) => crud(uid, read)),
      `${up}.auth.callback`,
      `${up}.auth.forgotPassword`,
      `${up}.auth.resetPassword`,
      // Whoever holds an invitation's token may read and accept it (the token is the secret).
      `${invitation}.preview`,
      `${invitation}.accept`,
      'plugin::i18n.locales.listLocales',
      'plugin::governance.status.index',
      'plugin::shares.status.index',
      // The public subscription form (a member asks with the same route) and the classes it offers:
      // a class is the statutes' terms (code, name, nominal, limits), no member's data.
      'plugin::shares.classes.find',
      'plugin::shares.subscriptions.create',
      'plugin::moderation.status.index',
      `${calendar}.feed`,
      // The signed links in every mail (cms/src/mailing): no login, the signature is the proof.
      'api::mailing.mailing.confirmUnsubscribe',
      'api::mailing.mailing.unsubscribe',
      // The newsletter's sign-up on the public site and its confirmation link.
      'api::mailing.mailing.subscribe',
      'api::mailing.mailing.confirmSubscriptionPage',
      'api::mailing.mailing.confirmSubscription',
    ],
  },
  member: {
    type: 'authenticated',
    name: 'Member',
    description: 'A logged-in member: members-level content, the directory, their own profile.',
    inherits: 'public',
    allow: [
      ...crud(profile, [...read, 'me', 'updateMe']),
      `${up}.user.me`,
      `${up}.auth.changePassword`,
      ...crud(account, ['me', 'accept', 'logout']),
      ...crud(membership, ['collectives', 'follow', 'unfollow', 'join', 'leave']),
      // Organisers may be plain members: the attendee list checks who asks, row by row.
      ...crud(registration, ['events', 'mine', 'register', 'unregister', 'attendees']),
      ...crud(proposal, ['create', 'find']),
      ...crud(calendar, ['url', 'reset']),
      // The members' space: dashboard, documents, directory, my data (cms/src/space).
      ...space,
      ...governanceForMembers,
      ...sharesForMembers,
      ...discussing,
    ],
  },
  lead: {
    type: 'collective-lead',
    name: 'Collective lead',
    description: 'A member who leads one or more collectives: writes its briefs.',
    inherits: 'member',
    allow: [
      ...crud(brief, write),
      ...crud(membership, ['roster', 'decide', 'removeMember']),
      `${proposal}.decide`,
      ...moderating,
      // Their briefs' mailings (the board reaches every one): progress, pause, rate and resume.
      ...crud('api::mailing.mailing', ['progress', 'pause', 'resume']),
      // Their collectives' briefs in the members' space: drafts, preview, publication now or later.
      ...crud('api::brief-desk.brief-desk', [
        'find',
        'create',
        'preview',
        'update',
        'publish',
        'setImage',
        'removeImage',
      ]),
    ],
  },
  moderator: {
    type: 'moderator',
    name: 'Moderator',
    description: 'A member who handles reports against the charter.',
    inherits: 'member',
    allow: [...moderating],
  },
  board: {
    type: 'board',
    name: 'Board',
    description: 'The board (conseil d’administration): sees everything, manages content and members.',
    inherits: 'lead',
    allow: [
      ...[page, collective, document, event, category, tag].flatMap((uid) => crud(uid, write)),
      ...crud(profile, ['create', 'update', 'delete']),
      ...crud(invitation, ['create', 'find']),
      ...governanceForBoard,
      ...sharesForBoard,
      // Addresses refused permanently three times, and clearing one (cms/src/mailing/bounces.ts).
      ...crud('api::mail-bounce.mail-bounce', ['find', 'clear']),
    ],
  },
};

export const roleKeys = Object.keys(roles) as RoleKey[];

/** Every action a role may call, its inherited ones included. */
export function allowedActions(role: RoleKey): Set<string> {
  const out = new Set<string>();
  for (let r: RoleKey | undefined = role; r; r = roles[r].inherits) {
    for (const action of roles[r].allow) out.add(action);
  }
  return out;
}

/**
 * Content-API actions that exist but no role may call: account creation goes through invitations,
 * account administration through the admin panel. Listed so that a new route nobody thought about
 * makes the permission test fail instead of staying silently closed or open.
 */
export const deniedToAll: string[] = [
  // No OAuth provider is configured: members log in with e-mail and password.
  `${up}.auth.connect`,
  `${up}.auth.register`,
  `${up}.auth.emailConfirmation`,
  `${up}.auth.sendEmailConfirmation`,
  `${up}.auth.refresh`,
  `${up}.auth.logout`,
  `${up}.auth.getSessions`,
  `${up}.auth.revokeSession`,
  `${up}.user.find`,
  `${up}.user.findOne`,
  `${up}.user.count`,
  `${up}.user.create`,
  `${up}.user.update`,
  `${up}.user.destroy`,
  `${up}.role.find`,
  `${up}.role.findOne`,
  `${up}.role.createRole`,
  `${up}.role.updateRole`,
  `${up}.role.deleteRole`,
  `${up}.permissions.getPermissions`,
  'plugin::upload.content-api.find',
  'plugin::upload.content-api.findOne',
  'plugin::upload.content-api.findPage',
  'plugin::upload.content-api.upload',
  'plugin::upload.content-api.destroy',
  'plugin::email.email.send',
  'plugin::content-type-builder.content-types.getContentTypes',
  'plugin::content-type-builder.content-types.getContentType',
  'plugin::content-type-builder.components.getComponents',
  'plugin::content-type-builder.components.getComponent',
];

/** Admin-panel roles for people who edit content (the board also has a members' account). */
export interface AdminRoleDefinition {
  code: string;
  name: string;
  description: string;
  /** Content types this role manages in the content manager, with every field and locale. */
  contentTypes: string[];
  actions: Array<'read' | 'create' | 'update' | 'delete' | 'publish'>;
  /** Extra admin permissions (plugin pages, media library). */
  extra: string[];
}

const editorial = [page, collective, document, event, brief, category, tag, 'api::newsletter.newsletter'];
const media = [
  'plugin::upload.read',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

/** The admin pages of the moderation queue and of mailings (plugins/moderation, cms/src/mailing). */
const adminPages = [
  'plugin::moderation.queue.read',
  'plugin::moderation.queue.act',
  'api::mailings.read',
  'api::mailings.retry',
];

/** The mailings page's invalid (bounced) addresses: members' personal data, for the board. */
const boardAdminPages = ['api::mailings.invalid-addresses'];
/** The shares plugin's admin pages (plugins/shares/admin): the board's only. */
const sharesPages = ['plugin::shares.register.read', 'plugin::shares.register.act'];

export const adminRoles: AdminRoleDefinition[] = [
  {
    code: 'notre-asso-editor',
    name: 'Rédaction (editors)',
    description: 'Writes and publishes pages, documents, events and news in French and English.',
    contentTypes: editorial,
    actions: ['read', 'create', 'update', 'delete', 'publish'],
    extra: [...media, ...adminPages],
  },
  {
    code: 'notre-asso-board',
    name: 'Conseil d’administration (board)',
    description: 'The board: everything editors do, plus member profiles.',
    contentTypes: [...editorial, profile],
    actions: ['read', 'create', 'update', 'delete', 'publish'],
    extra: [...media, ...adminPages, ...boardAdminPages, ...sharesPages],
  },
];
