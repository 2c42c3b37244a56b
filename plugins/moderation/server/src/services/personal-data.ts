/**
 * Discussions and moderation in the members' export and erasure (the kit's personal-data contract),
 * after Discourse's « anonymize user »: what the member wrote for others stays, signed by the
 * anonymised profile, because the replies of others make no sense without it; their earlier
 * versions and the comments of their reports, which nobody else needs, are emptied. The cases, the
 * appeals and the log stay: they are the audit record of decisions taken about others too, and the
 * profile they point at no longer says who it was.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PersonalDataProvider } from '@notre-asso/plugin-kit';
import { knexOf, TABLE } from '../store';

/** Revisions of the messages a member wrote. */
function revisionsBy(knex: Knex, trx: Knex.Transaction, profileId: number) {
  const mine = (table: string) => knex(table).transacting(trx).select('id').where({ author_id: profileId });
  return knex(TABLE.revision)
    .transacting(trx)
    .where((w) =>
      w
        .where((t) => t.where({ item_kind: 'thread' }).whereIn('item_id', mine(TABLE.thread)))
        .orWhere((r) => r.where({ item_kind: 'reply' }).whereIn('item_id', mine(TABLE.reply))),
    );
}

export const personalData = ({ strapi }: { strapi: Core.Strapi }): PersonalDataProvider => ({
  tables: Object.values(TABLE),
  profileColumns: {
    [`${TABLE.thread}.author_id`]: 'keep',
    [`${TABLE.reply}.author_id`]: 'keep',
    [`${TABLE.case}.author_id`]: 'keep',
    [`${TABLE.report}.reporter_id`]: 'keep',
    [`${TABLE.log}.actor_id`]: 'keep',
    [`${TABLE.appeal}.author_id`]: 'keep',
    [`${TABLE.appeal}.decided_by`]: 'keep',
    [`${TABLE.suspension}.profile_id`]: 'keep',
    // An offer or a request means nothing once its author is gone.
    [`${TABLE.exchange}.author_id`]: 'erase',
    [`${TABLE.suspension}.decided_by`]: 'keep',
    // Which days a moderator's digest went out: nothing to keep.
    [`${TABLE.digest}.profile_id`]: 'erase',
  },
  otherReferences: [
    `${TABLE.reply}.thread_id`,
    `${TABLE.revision}.item_id`,
    `${TABLE.case}.item_id`,
    `${TABLE.report}.case_id`,
    `${TABLE.report}.item_id`,
    `${TABLE.log}.case_id`,
    `${TABLE.log}.item_id`,
    // An admin-panel user who decided from the admin page: an editor's account, not a member.
    `${TABLE.log}.admin_actor_id`,
    `${TABLE.appeal}.case_id`,
    `${TABLE.appeal}.decision_id`,
    `${TABLE.signal}.case_id`,
    `${TABLE.suspension}.case_id`,
  ],

  async exportOf(profileId, trx) {
    const knex = knexOf(strapi);
    const rows = (table: string) => knex(table).transacting(trx).orderBy('id');
    const message = ['id', 'collective', 'body', 'hidden', 'created_at', 'edited_at'];
    return {
      threads: await rows(TABLE.thread)
        .where({ author_id: profileId })
        .select('title', ...message),
      replies: await rows(TABLE.reply)
        .where({ author_id: profileId })
        .select('thread_id', ...message),
      revisions: await revisionsBy(knex, trx, profileId)
        .orderBy('id')
        .select('item_kind', 'item_id', 'title', 'body', 'replaced_at'),
      // Never who else reported the same message.
      reports: await rows(TABLE.report)
        .where({ reporter_id: profileId })
        .select('item_kind', 'item_id', 'article', 'comment', 'created_at'),
      casesAboutMyMessages: await rows(TABLE.case)
        .where({ author_id: profileId })
        .select('item_kind', 'item_id', 'state', 'opened_at', 'decided_at'),
      appeals: await rows(TABLE.appeal)
        .where({ author_id: profileId })
        .select('case_id', 'statement', 'created_at', 'outcome', 'decided_at'),
      exchangePosts: await rows(TABLE.exchange)
        .where({ author_id: profileId })
        .select('type', 'category', 'title', 'body', 'place', 'expires_at', 'hidden', 'created_at', 'withdrawn_at'),
      suspensions: await rows(TABLE.suspension)
        .where({ profile_id: profileId })
        .select('case_id', 'created_at', 'until', 'lifted_at'),
      actionsLogged: await rows(TABLE.log)
        .where({ actor_id: profileId })
        .select('item_kind', 'item_id', 'collective', 'action', 'reason', 'created_at'),
      moderationDigests: await rows(TABLE.digest).where({ profile_id: profileId }).select('day', 'sent_at'),
    };
  },

  async erase(profileId, trx) {
    const knex = knexOf(strapi);
    await revisionsBy(knex, trx, profileId).update({ body: '', title: null });
    await knex(TABLE.report).transacting(trx).where({ reporter_id: profileId }).update({ comment: null });
    await knex(TABLE.exchange).transacting(trx).where({ author_id: profileId }).delete();
    await knex(TABLE.digest).transacting(trx).where({ profile_id: profileId }).delete();
  },
});
