/**
 * Votes in the members' export and erasure (the kit's personal-data contract). Exported: the votes
 * I took part in or cast by proxy (a public poll's choice with them), my proxies, the voter lists
 * I am on, my convocations and presence at assemblies (and, for the board, those it recorded), and
 * what I proposed, supported, commented or decided in co-drafting; never a secret
 * choice, since ballots carry no voter. Erasure keeps every row: who took part in a vote, by whose
 * proxy, who was convened and present, and who proposed which text are the assembly's record, which the law requires us to keep;
 * they now point at a profile reduced to its membership number.
 */
import type { Core } from '@strapi/strapi';
import type { PersonalDataProvider } from '@notre-asso/plugin-kit';
import { TABLE } from '../store';

export const personalData = ({ strapi }: { strapi: Core.Strapi }): PersonalDataProvider => ({
  tables: Object.values(TABLE),
  profileColumns: {
    [`${TABLE.participation}.voter_id`]: 'keep',
    [`${TABLE.participation}.acted_by`]: 'keep',
    [`${TABLE.proxy}.giver_id`]: 'keep',
    [`${TABLE.proxy}.holder_id`]: 'keep',
    [`${TABLE.voter}.profile_id`]: 'keep',
    [`${TABLE.version}.author_id`]: 'keep',
    [`${TABLE.proposal}.author_id`]: 'keep',
    [`${TABLE.proposal}.decided_by`]: 'keep',
    [`${TABLE.support}.profile_id`]: 'keep',
    [`${TABLE.comment}.author_id`]: 'keep',
    [`${TABLE.convocation}.profile_id`]: 'keep',
    [`${TABLE.convocation}.sent_by`]: 'keep',
    [`${TABLE.attendance}.profile_id`]: 'keep',
    [`${TABLE.attendance}.recorded_by`]: 'keep',
    [`${TABLE.roomCount}.recorded_by`]: 'keep',
  },
  otherReferences: [],

  async exportOf(profileId, trx) {
    const knex = strapi.db.connection;
    return {
      participations: await knex(TABLE.participation)
        .transacting(trx)
        .where({ voter_id: profileId })
        .orWhere({ acted_by: profileId })
        .select('subject', 'assembly', 'voter_id', 'acted_by', 'public_choice'),
      proxies: await knex(TABLE.proxy)
        .transacting(trx)
        .where({ giver_id: profileId })
        .orWhere({ holder_id: profileId })
        .select('assembly', 'giver_id', 'holder_id', 'given_at'),
      voterLists: await knex(TABLE.voter)
        .transacting(trx)
        .where({ profile_id: profileId })
        .select('assembly', 'college'),
      proposals: await knex(TABLE.proposal)
        .transacting(trx)
        .where({ author_id: profileId })
        .orWhere({ decided_by: profileId })
        .select('id', 'assembly', 'kind', 'resolution', 'title', 'text', 'reason', 'created_at', 'state', 'decided_by'),
      supports: await knex(TABLE.support)
        .transacting(trx)
        .where({ profile_id: profileId })
        .select('proposal', 'created_at'),
      comments: await knex(TABLE.comment)
        .transacting(trx)
        .where({ author_id: profileId })
        .select('proposal', 'text', 'created_at'),
      textVersions: await knex(TABLE.version)
        .transacting(trx)
        .where({ author_id: profileId })
        .select('resolution', 'number', 'reason', 'created_at'),
      convocations: await knex(TABLE.convocation)
        .transacting(trx)
        .where({ profile_id: profileId })
        .orWhere({ sent_by: profileId })
        .select('assembly', 'convocation', 'profile_id', 'channel', 'sent_at', 'sent_by'),
      attendance: await knex(TABLE.attendance)
        .transacting(trx)
        .where({ profile_id: profileId })
        .orWhere({ recorded_by: profileId })
        .select('assembly', 'profile_id', 'recorded_by', 'recorded_at'),
      roomCountsRecorded: await knex(TABLE.roomCount)
        .transacting(trx)
        .where({ recorded_by: profileId })
        .select('subject', 'revision', 'recorded_at'),
    };
  },

  async erase() {},
});
