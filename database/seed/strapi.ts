/** The few Strapi services the seed uses, behind small typed interfaces. */
import type { Core } from '@strapi/strapi';
import { roles, type RoleKey } from '@notre-asso/config';
import { UID } from './report';

export type Data = Record<string, unknown>;
export type Status = 'published' | 'draft';

export interface DocumentRef {
  id: number;
  documentId: string;
}

export interface DocumentWriter {
  create(params: { locale?: string; status?: Status; data: Data }): Promise<DocumentRef>;
  update(params: { documentId: string; locale?: string; status?: Status; data: Data }): Promise<DocumentRef | null>;
}

/** The Document Service of `uid`; the content types have no generated typings, hence one cast here. */
export const documents = (strapi: Core.Strapi, uid: string): DocumentWriter =>
  strapi.documents(uid as Parameters<Core.Strapi['documents']>[0]) as unknown as DocumentWriter;

/** Creates the French version, then the English one when given; returns the documentId. */
export async function createTranslated(
  strapi: Core.Strapi,
  uid: string,
  versions: { fr: Data; en?: Data },
  status?: Status,
): Promise<string> {
  const writer = documents(strapi, uid);
  const created = await writer.create({ locale: 'fr', status, data: versions.fr });
  if (versions.en) await writer.update({ documentId: created.documentId, locale: 'en', status, data: versions.en });
  return created.documentId;
}

/** Drops undefined values, so that optional fields are left to their defaults. */
export function defined(data: Data): Data {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}

/** users-permissions role ids by our role key; the CMS bootstrap creates them before the seed runs. */
export async function roleIds(strapi: Core.Strapi): Promise<Record<RoleKey, number>> {
  const ids = {} as Record<RoleKey, number>;
  for (const [key, def] of Object.entries(roles) as Array<[RoleKey, (typeof roles)[RoleKey]]>) {
    const role = (await strapi.db.query(UID.role).findOne({ where: { type: def.type }, select: ['id'] })) as {
      id: number;
    } | null;
    if (!role)
      throw new Error(`users-permissions role "${def.type}" is missing: the CMS bootstrap should have created it.`);
    ids[key] = role.id;
  }
  return ids;
}

interface AdminUserService {
  create(attributes: {
    email: string;
    firstname: string;
    lastname: string;
    password: string;
    roles: number[];
    isActive: boolean;
    registrationToken: null;
    preferedLanguage: string;
  }): Promise<{ id: number }>;
}

export interface AdminAccount {
  email: string;
  firstname: string;
  lastname: string;
  role: string;
}

/**
 * Admin-panel accounts, their interface in French (the admin user's `preferedLanguage`, which the
 * panel applies at login; each user can change it in their profile); the admin user service hashes the password and links roles by id. */
export async function createAdmins(strapi: Core.Strapi, accounts: AdminAccount[], password: string): Promise<number> {
  const service = strapi.service('admin::user') as unknown as AdminUserService;
  let created = 0;
  for (const account of accounts) {
    if (await strapi.db.query('admin::user').findOne({ where: { email: account.email }, select: ['id'] })) continue;
    const role = (await strapi.db.query('admin::role').findOne({ where: { code: account.role }, select: ['id'] })) as {
      id: number;
    } | null;
    if (!role) throw new Error(`admin role "${account.role}" is missing: the CMS bootstrap should have created it.`);
    await service.create({
      email: account.email,
      firstname: account.firstname,
      lastname: account.lastname,
      password,
      roles: [role.id],
      isActive: true,
      registrationToken: null,
      preferedLanguage: 'fr',
    });
    created += 1;
  }
  return created;
}
