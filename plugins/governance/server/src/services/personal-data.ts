/**
 * Votes in the members' export and erasure (the kit's personal-data contract). Exported: the votes
 * I took part in or cast by proxy, my proxies, the voter lists I am on; never a choice, since
 * ballots carry no voter. Erasure keeps every row: who took part in a vote and by whose proxy is
 * the record of the vote the law requires us to keep, and it now points at a profile reduced to
 * its membership number.
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
  },
  otherReferences: [],

  async exportOf(profileId, trx) {
    const knex = strapi.db.connection;
    return {
      participations: await knex(TABLE.participation)
        .transacting(trx)
        .where({ voter_id: profileId })
        .orWhere({ acted_by: profileId })
        .select('subject', 'assembly', 'voter_id', 'acted_by'),
      proxies: await knex(TABLE.proxy)
        .transacting(trx)
        .where({ giver_id: profileId })
        .orWhere({ holder_id: profileId })
        .select('assembly', 'giver_id', 'holder_id', 'given_at'),
      voterLists: await knex(TABLE.voter)
        .transacting(trx)
        .where({ profile_id: profileId })
        .select('assembly', 'college'),
    };
  },

  async erase() {},
});
