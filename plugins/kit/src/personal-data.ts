import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * The contract by which a plugin that keeps members' data in its own tables (not Strapi content
 * types, which the CMS finds by itself) takes part in the members' export and erasure (RGPD
 * art. 15, 17, 20). The CMS calls every plugin's `personal-data` service inside the same export
 * and the same erasure transaction as its own tables.
 */
export const PERSONAL_DATA_SERVICE = 'personal-data';

/**
 * What erasure does with a row that points at the member: `erase` deletes it, `keep` leaves it
 * pointing at the anonymised profile (the provider's `erase` may still empty some of its fields).
 */
export type ErasurePolicy = 'erase' | 'keep';

export interface PersonalDataProvider {
  /** The plugin's own tables. */
  tables: string[];
  /** Every column of those tables holding a member profile id (`table.column`), with its policy. */
  profileColumns: Record<string, ErasurePolicy>;
  /**
   * The other columns named like a reference (`…_id`, `…_by`) that do not hold a profile id
   * (`table.column`): declared so that a new column must be classified one way or the other.
   */
  otherReferences: string[];
  /** The member's rows, by a short name (`threads`, `proxies`), as they go into the export. */
  exportOf(profileId: number, trx: Knex.Transaction): Promise<Record<string, unknown[]>>;
  /** Erases or empties what `profileColumns` says, inside the CMS's erasure transaction. */
  erase(profileId: number, trx: Knex.Transaction): Promise<void>;
}

/** A column name that looks like a reference to a row: the ones a provider must classify. */
export const looksLikeReference = (column: string) => /_(id|by)$/.test(column);

/** Every loaded plugin providing the contract, by plugin name. */
export function personalDataProviders(strapi: Core.Strapi): Array<{ plugin: string; provider: PersonalDataProvider }> {
  const services = strapi.get('services') as { get(uid: string): unknown };
  return Object.keys(strapi.plugins).flatMap((plugin) => {
    const provider = services.get(`plugin::${plugin}.${PERSONAL_DATA_SERVICE}`) as PersonalDataProvider | undefined;
    return provider ? [{ plugin, provider }] : [];
  });
}
