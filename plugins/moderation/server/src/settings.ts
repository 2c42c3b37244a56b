/** The plugin's settings (config/plugins.ts `moderation.config` overrides them). */
import type { Core } from '@strapi/strapi';

export interface ModerationConfig {
  /** Distinct members whose reports hide an item at once, pending review. */
  reportThreshold: number;
  /** An author may edit their message for this long after posting it. */
  editWindowMinutes: number;
  /** Articles of the charter (config/src/charter.ts) a report may cite. */
  charterArticles: string[];
  /** Members who joined less than this many days ago (memberSince) are new members… */
  newMemberDays: number;
  /** …and post at most this many messages (threads and replies) an hour. */
  newMemberPostsPerHour: number;
  /** A message identical to one its author posted within this many hours is refused. */
  duplicateWindowHours: number;
  /** Moderators are mailed once about a case still pending after this many hours. */
  overdueHours: number;
}

export const defaultConfig: ModerationConfig = {
  reportThreshold: 3,
  editWindowMinutes: 30,
  charterArticles: ['1', '2', '3', '4', '5', '6', '7', '8'],
  newMemberDays: 30,
  newMemberPostsPerHour: 10,
  duplicateWindowHours: 24,
  overdueHours: 48,
};

export function validateConfig(config: ModerationConfig): void {
  if (!Number.isInteger(config.reportThreshold) || config.reportThreshold < 1)
    throw new Error('moderation.reportThreshold must be a whole number of members, at least 1');
  if (!Number.isInteger(config.editWindowMinutes) || config.editWindowMinutes < 0)
    throw new Error('moderation.editWindowMinutes must be a whole number of minutes');
  for (const key of ['newMemberDays', 'newMemberPostsPerHour', 'duplicateWindowHours', 'overdueHours'] as const)
    if (!Number.isInteger(config[key]) || config[key] < 0) throw new Error(`moderation.${key} must be a whole number`);
  if (!Array.isArray(config.charterArticles) || config.charterArticles.length === 0)
    throw new Error('moderation.charterArticles must list the charter articles a report may cite');
}

export function settingsOf(strapi: Core.Strapi): ModerationConfig {
  return { ...defaultConfig, ...(strapi.config.get('plugin::moderation') as Partial<ModerationConfig>) };
}
