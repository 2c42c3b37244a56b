import type { Viewer } from './viewer';

/**
 * Row-level visibility: the filter a viewer's reads are restricted to, per content type.
 * `{}` means everything (published); the matrix in config/ already decided whether the
 * viewer may call the action at all.
 */
export type Filter = Record<string, unknown>;
export type Scope = (viewer: Viewer) => Filter;

const everything: Scope = () => ({});
/** No row has a null id. */
const nothing: Filter = { id: { $null: true } };
const isAnonymous = (viewer: Viewer) => viewer.role === 'public';

/** Content of a members-only collective is for members; content of no collective is site-wide. */
const inPublicCollectiveOrNone: Filter = {
  $or: [{ collective: { id: { $null: true } } }, { collective: { visibility: 'public' } }],
};

export const scopes = {
  page: (viewer) => (isAnonymous(viewer) ? inPublicCollectiveOrNone : {}),
  collective: (viewer) => (isAnonymous(viewer) ? { visibility: 'public' } : {}),
  event: (viewer) => (isAnonymous(viewer) ? { $and: [{ audience: 'public' }, inPublicCollectiveOrNone] } : {}),
  brief: (viewer) => (isAnonymous(viewer) ? inPublicCollectiveOrNone : {}),
  document: (viewer) => {
    if (viewer.role === 'board') return {};
    if (isAnonymous(viewer)) return { accessLevel: 'public' };
    return {
      $or: [
        { accessLevel: { $in: ['public', 'members'] } },
        { accessLevel: 'collective', collective: { documentId: { $in: viewer.collectives } } },
      ],
    };
  },
  memberProfile: (viewer) => {
    if (viewer.role === 'board') return {};
    // Members see the directory (those who consented) and themselves; anonymous visitors nothing.
    if (isAnonymous(viewer)) return nothing;
    if (viewer.profileId === null) return { directoryConsent: true };
    return { $or: [{ directoryConsent: true }, { id: viewer.profileId }] };
  },
  category: everything,
  tag: everything,
} satisfies Record<string, Scope>;
