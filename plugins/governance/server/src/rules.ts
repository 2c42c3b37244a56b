/**
 * The statutes' voting rules of this organisation: the plugin's config (`config/plugins.ts`,
 * `governance.config`) over the defaults of tally/settings.ts, checked at start and at each read.
 */
import type { Core } from '@strapi/strapi';
import { rulesFrom, type VotingRules } from './tally';

export interface GovernanceConfig extends Partial<VotingRules> {
  /** Proxies one member may hold; default the SCOP rule (proxyCap). */
  maxProxiesPerHolder?: number | null;
  /**
   * Days at least between sending the convocation and the assembly, per convocation; default the
   * SA form's (Code de commerce R225-69): 15 days on first convocation, 10 on the next.
   */
  convocationNoticeDays?: { first: number; second: number };
}

export const defaultConfig: GovernanceConfig = {
  maxProxiesPerHolder: null,
  convocationNoticeDays: { first: 15, second: 10 },
};

export function configOf(strapi: Core.Strapi): GovernanceConfig {
  return (strapi.config.get('plugin::governance') ?? {}) as GovernanceConfig;
}

/** The voting rules among the plugin's settings, checked. */
export function rulesIn(config: GovernanceConfig): VotingRules {
  const { quorum, majority, abstentionsAreCast, colleges } = config;
  const set = Object.entries({ quorum, majority, abstentionsAreCast, colleges }).filter(([, v]) => v !== undefined);
  return rulesFrom(Object.fromEntries(set));
}

export function rulesOf(strapi: Core.Strapi): VotingRules {
  return rulesIn(configOf(strapi));
}

/**
 * How many proxies (pouvoirs) one member may hold at an assembly of `voters` members: the
 * statutes' number when set, else the SCOP rule (loi 78-763 art. 11): one under 20 members,
 * otherwise one twentieth of the members, rounded down.
 */
export function proxyCap(voters: number, configured?: number | null): number {
  if (configured != null) return configured;
  return voters < 20 ? 1 : (voters - (voters % 20)) / 20;
}
