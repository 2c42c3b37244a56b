import type { Core } from '@strapi/strapi';
import { organisation, spacePath } from '@notre-asso/config';

/**
 * Password reset uses users-permissions' own flow (`/api/auth/forgot-password`, then
 * `/api/auth/reset-password`); its settings are applied here at every start, so the mail always
 * links to the site's page (not the admin panel) and is in French with an English line.
 *
 * The plugin sends the same body as text and HTML: each link stands alone on its line so that it
 * stays usable in the plain-text part.
 */
export async function applyPasswordReset(strapi: Core.Strapi) {
  const site = organisation.siteUrl.replace(/\/+$/, '');
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });

  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  await store.set({
    key: 'advanced',
    value: { ...advanced, email_reset_password: `${site}${spacePath('fr', 'newPassword')}` },
  });

  const email = ((await store.get({ key: 'email' })) ?? {}) as Record<string, Record<string, unknown>>;
  const resetPassword = email.reset_password ?? {};
  // `<%= URL %>` and `<%= TOKEN %>` are filled in by the plugin; the rest is ours.
  const message = [
    '<p>Bonjour,</p>',
    `<p>Vous avez demandé un nouveau mot de passe pour votre compte de l’espace membres d’${organisation.name}. Choisissez-le en suivant ce lien :</p>`,
    '<p><a href="<%= URL %>?code=<%= TOKEN %>">',
    '<%= URL %>?code=<%= TOKEN %>',
    '</a></p>',
    '<p>Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.</p>',
    `<p lang="en">You asked for a new password for the members’ space of ${organisation.name}; to choose it in English, follow this link (ignore this message if you did not ask):</p>`,
    `<p lang="en"><a href="${site}${spacePath('en', 'newPassword')}?code=<%= TOKEN %>">`,
    `${site}${spacePath('en', 'newPassword')}?code=<%= TOKEN %>`,
    '</a></p>',
    `<p><small>${organisation.name} — ${organisation.address}</small></p>`,
  ].join('\n');
  await store.set({
    key: 'email',
    value: {
      ...email,
      reset_password: {
        ...resetPassword,
        options: {
          // Empty sender and no reply-to: the email plugin's MAIL_FROM and MAIL_REPLY_TO apply, as for every mail.
          from: { name: '', email: '' },
          object: `Nouveau mot de passe — ${organisation.name} (new password)`,
          message,
        },
      },
    },
  });
}
