/**
 * Admin-panel routes under /shares (the plugin's admin pages): admin JWT only, each guarded by
 * one of the plugin's permissions (permissions.ts).
 */
import { REGISTER_ACT, REGISTER_READ } from '../permissions';

const route = (method: string, path: string, handler: string, action: string) => ({
  method,
  path,
  handler,
  config: {
    policies: ['admin::isAuthenticatedAdmin', { name: 'admin::hasPermissions', config: { actions: [action] } }],
  },
});

export const adminRoutes = [
  route('GET', '/requests', 'admin.requests', REGISTER_READ),
  route('POST', '/subscriptions/:documentId/decision', 'admin.decideSubscription', REGISTER_ACT),
  route('POST', '/subscriptions/:documentId/payments', 'admin.paySubscription', REGISTER_ACT),
  route('POST', '/redemptions/:documentId/decision', 'admin.decideRedemption', REGISTER_ACT),
  route('POST', '/redemptions/:documentId/payment', 'admin.payRedemption', REGISTER_ACT),
  route('GET', '/classes', 'admin.classes', REGISTER_READ),
  route('GET', '/register', 'admin.register', REGISTER_READ),
  route('GET', '/register.csv', 'admin.registerCsv', REGISTER_READ),
  route('GET', '/register.pdf', 'admin.registerPdf', REGISTER_READ),
  route('GET', '/capital', 'admin.capital', REGISTER_READ),
  route('GET', '/years', 'admin.years', REGISTER_READ),
  route('GET', '/verify', 'admin.verify', REGISTER_READ),
  // The yearly statements' batch: the same handlers as the content API's.
  route('POST', '/statements/:year/batch', 'statements.startBatch', REGISTER_ACT),
  route('GET', '/statements/:year/batch', 'statements.batchStatus', REGISTER_READ),
  route('GET', '/statements/:year/batch.zip', 'statements.batchZip', REGISTER_READ),
];
