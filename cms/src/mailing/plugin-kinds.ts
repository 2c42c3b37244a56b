/**
 * Mail that plugins queue in the outbox (plugins/kit/src/mail.ts): the CMS offers them
 * `queueOutbox`, and composes each row from the plugin's own composer at sending time. Such mail
 * is statutory, not marketing (a general assembly's convocation must reach every member on the
 * voter list): it carries no unsubscribe link and no List-Unsubscribe header, and someone who
 * unsubscribed from briefs or the newsletter still receives it; an erased member does not.
 */
import type { Core } from '@strapi/strapi';
import { defaultLocale } from '@notre-asso/config';
import {
  pluginMailComposers,
  type OutboxQueue,
  type PluginMailComposer,
  type PluginMailingKind,
} from '@notre-asso/plugin-kit';
import { renderMail } from '../mail';
import { knexOf, tableOf, UID } from '../space/tables';
import { messageIdOf } from './compose';
import type { Claimed, Prepared } from './kinds';
import { languagesOf, queueMailing } from './queue';

export function offerOutbox(strapi: Core.Strapi): void {
  const email = strapi.plugin('email').service('email') as OutboxQueue;
  email.queueOutbox = async (kind, item, recipients) => {
    const languages = await languagesOf(strapi);
    return queueMailing(
      strapi,
      kind,
      item,
      recipients.map((r) => ({ ...r, language: languages.get(r.email.toLowerCase()) ?? defaultLocale })),
    );
  };
}

function composerOf(strapi: Core.Strapi, kind: PluginMailingKind): PluginMailComposer {
  const { plugin, service } = pluginMailComposers[kind];
  return strapi.plugin(plugin).service(service) as PluginMailComposer;
}

async function livingProfiles(strapi: Core.Strapi, rows: Claimed[]): Promise<Set<number>> {
  const ids = rows.flatMap((r) => (r.profileId === null ? [] : [r.profileId]));
  if (ids.length === 0) return new Set();
  const found = (await knexOf(strapi)(tableOf(strapi, UID.profile))
    .whereNull('erased_at')
    .whereIn('id', ids)
    .select('id')) as Array<{ id: number }>;
  return new Set(found.map((f) => Number(f.id)));
}

export function pluginKind(kind: PluginMailingKind) {
  return {
    load: (strapi: Core.Strapi, item: string) => composerOf(strapi, kind).load(item),
    async prepare(strapi: Core.Strapi, rows: Claimed[], content: unknown): Promise<Prepared[]> {
      if (content === null) return rows.map(() => ({ skip: `the ${kind} is gone` }));
      const living = await livingProfiles(strapi, rows);
      const composer = composerOf(strapi, kind);
      return rows.map((row) => {
        if (row.profileId === null || !living.has(row.profileId)) return { skip: 'the member was erased' };
        const rendered = renderMail(row.language, composer.compose(content, row.language));
        return { to: row.address, ...rendered, messageId: messageIdOf(row.key), headers: {} };
      });
    },
  };
}
