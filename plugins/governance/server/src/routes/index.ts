/**
 * Content-API routes under /api/governance; who reaches which action is declared in
 * config/src/roles.ts (members vote, the board creates and recounts).
 */
const route = (method: string, path: string, handler: string) => ({ method, path, handler, config: { policies: [] } });

export const contentApiRoutes = [
  route('GET', '/polls', 'poll.find'),
  route('GET', '/polls/:documentId', 'poll.findOne'),
  route('POST', '/polls', 'poll.create'),
  route('PUT', '/polls/:documentId', 'poll.update'),
  route('POST', '/polls/:documentId/ballots', 'poll.vote'),
  route('GET', '/polls/:documentId/results', 'poll.results'),
  route('GET', '/polls/:documentId/recount', 'poll.recount'),
  route('GET', '/polls/:documentId/ballots.blt', 'poll.blt'),
  route('GET', '/assemblies', 'assembly.find'),
  route('GET', '/assemblies/:documentId', 'assembly.findOne'),
  route('POST', '/assemblies', 'assembly.create'),
  route('POST', '/assemblies/:documentId/resolutions', 'assembly.addResolution'),
  route('GET', '/assemblies/:documentId/standing', 'assembly.standing'),
  route('POST', '/assemblies/:documentId/proxy', 'assembly.giveProxy'),
  route('DELETE', '/assemblies/:documentId/proxy', 'assembly.revokeProxy'),
  route('GET', '/assemblies/:documentId/proxy-holders', 'assembly.proxyHolders'),
  route('GET', '/assemblies/:documentId/results', 'assembly.results'),
  route('GET', '/assemblies/:documentId/recount', 'assembly.recount'),
  route('GET', '/assemblies/:documentId/minutes.md', 'minutes.markdown'),
  route('GET', '/assemblies/:documentId/minutes.pdf', 'minutes.pdf'),
  // Convocations (services/convocations.ts): the board sends and prints them, each member prints theirs.
  route('POST', '/assemblies/:documentId/convocations', 'convocation.send'),
  route('GET', '/assemblies/:documentId/convocations', 'convocation.record'),
  route('GET', '/assemblies/:documentId/convocations.pdf', 'convocation.pdf'),
  route('GET', '/assemblies/:documentId/convocation.pdf', 'convocation.mine'),
  // The room (services/room.ts): attendance and the in-room or paper totals, recorded by the board.
  route('POST', '/assemblies/:documentId/attendance', 'room.recordAttendance'),
  route('GET', '/assemblies/:documentId/attendance', 'room.attendance'),
  route('PUT', '/resolutions/:documentId/room-count', 'room.recordCount'),
  route('GET', '/resolutions/:documentId/room-count', 'room.count'),
  route('POST', '/resolutions/:documentId/ballots', 'resolution.vote'),
  route('GET', '/resolutions/:documentId', 'resolution.findOne'),
  route('PUT', '/resolutions/:documentId', 'resolution.update'),
  // Co-drafting: proposals are draft resolutions and amendments (services/drafting.ts).
  route('GET', '/assemblies/:documentId/proposals', 'proposal.find'),
  route('POST', '/assemblies/:documentId/proposals', 'proposal.create'),
  route('GET', '/proposals/:documentId', 'proposal.findOne'),
  route('POST', '/proposals/:documentId/support', 'proposal.support'),
  route('DELETE', '/proposals/:documentId/support', 'proposal.withdrawSupport'),
  route('POST', '/proposals/:documentId/comments', 'proposal.comment'),
  route('POST', '/proposals/:documentId/decision', 'proposal.decide'),
];
