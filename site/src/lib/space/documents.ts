/** How the space shows a document: its access level in words, and where its file is downloaded. */
import { paths } from '../../i18n/routes';
import type { SpaceKey } from '../../i18n/space';

const levels = ['public', 'members', 'collective', 'board'] as const;

export const accessLevelKey = (level: string): SpaceKey =>
  `documents.level.${(levels as readonly string[]).includes(level) ? level : 'members'}` as SpaceKey;

/**
 * A restricted file is served by the CMS only with the member's token, which the browser does not
 * have: the link goes through the site, which adds it. Public files keep their public URL.
 */
export const documentHref = (documentId: string, fileUrl: string | null): string | null =>
  fileUrl?.startsWith('/api/') ? paths.spaceFiles.document(documentId) : fileUrl;
