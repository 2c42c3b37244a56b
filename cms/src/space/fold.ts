/** Accent- and case-insensitive matching, shared with the plugins (plugins/kit/src/fold.ts). */
export { containsPattern, fold, foldedSql, whereFoldedContains } from '@notre-asso/plugin-kit';
