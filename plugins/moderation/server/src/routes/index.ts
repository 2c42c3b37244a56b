/**
 * Content-API routes under /api/moderation; who reaches which action is declared in
 * config/src/roles.ts (members discuss and report; leads, moderators and the board handle the
 * queue). The log has no route that changes it.
 */
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { policies: [] } });

export const contentApiRoutes = [
  route('GET', '/collectives/:collective/threads', 'discussion.threads'),
  route('POST', '/collectives/:collective/threads', 'discussion.startThread'),
  route('GET', '/threads/:id', 'discussion.thread'),
  route('PUT', '/threads/:id', 'discussion.editThread'),
  route('POST', '/threads/:id/replies', 'discussion.reply'),
  route('PUT', '/replies/:id', 'discussion.editReply'),
  route('GET', '/exchange', 'exchange.find'),
  route('POST', '/exchange', 'exchange.create'),
  route('GET', '/exchange/:id', 'exchange.findOne'),
  route('DELETE', '/exchange/:id', 'exchange.withdraw'),
  route('POST', '/reports', 'report.create'),
  route('GET', '/reports/mine', 'report.mine'),
  route('POST', '/appeals', 'report.appeal'),
  route('GET', '/cases/mine', 'report.cases'),
  route('GET', '/queue', 'queue.find'),
  route('GET', '/queue/:id', 'queue.findOne'),
  route('POST', '/queue/:id/decisions', 'queue.decide'),
  route('GET', '/log', 'queue.log'),
];
