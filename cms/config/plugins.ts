import type { Core } from '@strapi/strapi';
import { organisation } from '@notre-asso/config';
import { SESSION_LIFETIME_S } from '../src/sessions';
import { secret } from './secrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET'),
      jwt: { expiresIn: SESSION_LIFETIME_S },
      register: { allowedFields: [] },
    },
  },
  i18n: { enabled: true },
  // Mail goes out through an SMTP server (SMTP_HOST). Without one (the demo), messages are built
  // but not sent, and cms/src/mail logs them so that links in them can still be followed.
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: env('SMTP_HOST', '')
        ? {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            auth: env('SMTP_USER', '') ? { user: env('SMTP_USER'), pass: env('SMTP_PASS', '') } : undefined,
            pool: true,
            maxConnections: env.int('SMTP_POOL_SIZE', 5),
          }
        : { streamTransport: true, buffer: true },
      settings: {
        defaultFrom: env('MAIL_FROM', `${organisation.name} <${organisation.contactEmail}>`),
        defaultReplyTo: env('MAIL_REPLY_TO', organisation.contactEmail),
      },
    },
  },
  governance: { enabled: true, resolve: '../plugins/governance' },
  shares: { enabled: true, resolve: '../plugins/shares' },
  moderation: { enabled: true, resolve: '../plugins/moderation' },
});
