/**
 * The texts every member accepts on first login (and again when they change): the charter
 * (charte des membres) and the privacy notice. Their wording lives in CMS pages with these slugs;
 * bump a version when the text changes in substance, and members are asked to accept it again.
 */
export interface AcceptedText {
  version: string;
  /** Slug of the CMS page that holds the text, in every locale. */
  pageSlug: string;
}

export const charter: AcceptedText = { version: '2026-01', pageSlug: 'charte' };
export const privacyNotice: AcceptedText = { version: '2026-01', pageSlug: 'confidentialite' };
