import type { Core } from '@strapi/strapi';
import { UID } from '../store';

export interface Person {
  documentId: string;
  displayName: string;
}

/**
 * Members by profile id, as other members see them on the assembly's record: their public name
 * only (an erased member's profile is already renamed « Membre supprimé »).
 */
export async function peopleByIds(strapi: Core.Strapi, ids: number[]): Promise<Map<number, Person>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const profiles = (await strapi.db
    .query(UID.profile)
    .findMany({ where: { id: { $in: unique } }, select: ['id', 'documentId', 'displayName'] })) as Array<
    Person & { id: number }
  >;
  return new Map(profiles.map((p) => [p.id, { documentId: p.documentId, displayName: p.displayName }]));
}
