import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { viewerOf, type RequestContext } from '../access/viewer';

const BRIEF = 'api::brief.brief';

interface PolicyContext extends RequestContext {
  params: { id?: string };
  request: { body?: { data?: Record<string, unknown> } };
}

/** documentId of a relation given as `"id"`, `{ connect: [...] }`, `{ set: [...] }` or `[id]`. */
function relationId(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return relationId(value[0]);
  if (value && typeof value === 'object') {
    const v = value as { documentId?: unknown; connect?: unknown; set?: unknown };
    return relationId(v.documentId ?? v.connect ?? v.set);
  }
  return null;
}

/**
 * A collective's leads write its briefs; the board writes any. The author of a brief is whoever
 * writes it first, never a name typed by someone else.
 */
export default async (policyContext: unknown, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const ctx = policyContext as PolicyContext;
  const viewer = await viewerOf(strapi, ctx);
  if (viewer.role === 'board') return true;
  const data = ctx.request.body?.data ?? {};

  if (ctx.params.id) {
    const brief = await strapi.db.query(BRIEF).findOne({
      where: { documentId: ctx.params.id },
      populate: { collective: { select: ['documentId'] } },
    });
    if (!brief) throw new errors.NotFoundError('Not Found');
    if (!brief.collective || !viewer.led.includes(brief.collective.documentId)) {
      throw new errors.PolicyError('Only the leads of this collective can change its briefs.');
    }
    if ('collective' in data && relationId(data.collective) !== brief.collective.documentId) {
      throw new errors.PolicyError('A brief cannot be moved to another collective.');
    }
    delete data.author;
    return true;
  }

  const collective = relationId(data.collective);
  if (!collective)
    throw new errors.ValidationError('collective is required: the collective this brief is published for.');
  if (!viewer.led.includes(collective))
    throw new errors.PolicyError('You can only publish briefs for collectives you lead.');
  if (viewer.profileId === null) throw new errors.PolicyError('This account has no member profile.');
  const profile = await strapi.db
    .query('api::member-profile.member-profile')
    .findOne({ where: { id: viewer.profileId }, select: ['documentId'] });
  data.author = profile.documentId;
  return true;
};
