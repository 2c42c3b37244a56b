import type { Core } from '@strapi/strapi';
import { secret } from './secrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: {
      jwtSecret: secret(env, 'JWT_SECRET'),
      jwt: { expiresIn: '7d' },
      register: { allowedFields: [] },
    },
  },
  i18n: { enabled: true },
  governance: { enabled: true, resolve: '../plugins/governance' },
  shares: { enabled: true, resolve: '../plugins/shares' },
  moderation: { enabled: true, resolve: '../plugins/moderation' },
});
