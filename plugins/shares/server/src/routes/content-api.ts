/** The register's content-API routes, under /api/shares; who reaches each is config/src/roles.ts. */
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { policies: [] } });

export const routes = [
  route('GET', '/classes', 'classes.find'),
  route('POST', '/classes', 'classes.create'),
  route('GET', '/me', 'holdings.mine'),
  route('GET', '/register', 'holdings.register'),
  route('GET', '/register.csv', 'holdings.registerCsv'),
  route('GET', '/movements', 'ledger.find'),
  route('POST', '/movements', 'ledger.record'),
  route('POST', '/transfers', 'ledger.transfer'),
  route('POST', '/movements/:operationNumber/reversal', 'ledger.reverse'),
  route('GET', '/verify', 'ledger.verify'),
  route('GET', '/settings', 'settings.find'),
  route('PUT', '/settings', 'settings.update'),
  route('POST', '/subscriptions', 'subscriptions.create'),
  route('GET', '/subscriptions', 'subscriptions.find'),
  route('GET', '/subscriptions/mine', 'subscriptions.mine'),
  route('POST', '/subscriptions/:documentId/decision', 'subscriptions.decide'),
  route('POST', '/subscriptions/:documentId/cancellation', 'subscriptions.cancel'),
  route('POST', '/subscriptions/:documentId/payments', 'subscriptions.pay'),
  route('GET', '/overdue', 'subscriptions.overdue'),
];
