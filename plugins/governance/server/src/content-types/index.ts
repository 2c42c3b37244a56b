/**
 * What the board writes and members read: polls, assemblies and their resolutions. Ballots,
 * participations, proxies and voter lists are not content types (store.ts): a secret ballot
 * must carry neither a sequential id nor a timestamp, which every Strapi document has.
 */
const collection = (
  collectionName: string,
  singularName: string,
  pluralName: string,
  displayName: string,
  attributes: Record<string, unknown>,
) => ({
  schema: {
    kind: 'collectionType',
    collectionName,
    info: { singularName, pluralName, displayName },
    options: { draftAndPublish: false },
    pluginOptions: { 'content-manager': { visible: true }, 'content-type-builder': { visible: false } },
    attributes,
  },
});

export default {
  poll: collection('gov_polls', 'poll', 'polls', 'Poll', {
    question: { type: 'string', required: true, maxLength: 300 },
    description: { type: 'text', maxLength: 5000 },
    options: { type: 'json', required: true },
    method: { type: 'enumeration', enum: ['single', 'multiple', 'approval', 'ranked', 'judgement'], required: true },
    maxChoices: { type: 'integer', min: 1 },
    audience: { type: 'enumeration', enum: ['all', 'collective', 'college', 'board'], default: 'all', required: true },
    // A collective's documentId or a college's code, for those audiences.
    audienceRef: { type: 'string', maxLength: 64 },
    opensAt: { type: 'datetime', required: true },
    closesAt: { type: 'datetime', required: true },
    secret: { type: 'boolean', default: true, required: true },
    resultsVisibility: {
      type: 'enumeration',
      enum: ['live', 'after-vote', 'after-close'],
      default: 'after-close',
      required: true,
    },
    // Stored at the first count after close; the recount recomputes it from the ballots.
    result: { type: 'json' },
  }),
  assembly: collection('gov_assemblies', 'assembly', 'assemblies', 'General assembly', {
    title: { type: 'string', required: true, maxLength: 300 },
    kind: { type: 'enumeration', enum: ['ordinary', 'extraordinary'], required: true },
    date: { type: 'datetime', required: true },
    place: { type: 'string', maxLength: 300 },
    link: { type: 'string', maxLength: 500 },
    convocation: { type: 'enumeration', enum: ['first', 'second'], default: 'first', required: true },
    votingOpensAt: { type: 'datetime', required: true },
    votingClosesAt: { type: 'datetime', required: true },
    // Co-drafting (rédaction collaborative): members propose resolutions and amendments in this window.
    draftingOpensAt: { type: 'datetime' },
    draftingClosesAt: { type: 'datetime' },
    // Members admitted on or before this day vote (date d'arrêté de la liste d'émargement).
    recordDate: { type: 'date', required: true },
    voterListFrozenAt: { type: 'datetime' },
    voterCount: { type: 'integer' },
    result: { type: 'json' },
    // Documents sent with the convocation (accounts, reports), by documentId: a document has a row
    // per language, and each member gets the link to theirs in the members' space, which checks access.
    documents: { type: 'json' },
    resolutions: {
      type: 'relation',
      relation: 'oneToMany',
      target: 'plugin::governance.resolution',
      mappedBy: 'assembly',
    },
  }),
  resolution: collection('gov_resolutions', 'resolution', 'resolutions', 'Resolution', {
    assembly: {
      type: 'relation',
      relation: 'manyToOne',
      target: 'plugin::governance.assembly',
      inversedBy: 'resolutions',
    },
    position: { type: 'integer', required: true, min: 1 },
    title: { type: 'string', required: true, maxLength: 300 },
    text: { type: 'text', required: true },
    kind: { type: 'enumeration', enum: ['ordinary', 'extraordinary'], required: true },
    result: { type: 'json' },
  }),
};
