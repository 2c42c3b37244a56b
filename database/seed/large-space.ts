/**
 * The members' space activity of the large data set: memberships, registrations and notifications,
 * so that the dashboard and the directory are measured on realistic rows. Deterministic: drawn from
 * the same seeded faker, after everything else (earlier data stays the same).
 */
import type { Faker } from '@faker-js/faker';
import { insertDocuments, linkDocuments, newDocumentId, type Bulk, type IdMap } from './bulk';
import { REFERENCE_DATE } from './members';
import type { Data } from './strapi';

const MEMBERSHIP = 'api::membership.membership';
const REGISTRATION = 'api::registration.registration';
const NOTIFICATION = 'api::notification.notification';

export interface SpaceActivityInput {
  /** Profile documentIds by member index, and each member's local group's documentId. */
  profiles: string[];
  localOf: (index: number) => string;
  profileIds: IdMap;
  collectiveIds: IdMap;
  events: Array<{ documentId: string; startsAt: Date }>;
  eventIds: IdMap;
}

const KINDS = [
  ['registration.confirmed', 'Votre inscription est confirmée', '/espace/evenements'],
  ['membership.accepted', 'Vous êtes membre du groupe local', '/espace/collectifs'],
  ['brief.published', 'Nouvelle brève dans votre groupe', '/espace/'],
] as const;

export async function seedSpaceActivity(
  bulk: Bulk,
  faker: Faker,
  input: SpaceActivityInput,
): Promise<Record<string, number>> {
  const { profiles } = input;
  // Half the members are active members of their local group.
  const memberships: Data[] = [];
  const membershipProfile: Array<[string, string]> = [];
  const membershipCollective: Array<[string, string]> = [];
  profiles.forEach((profile, index) => {
    if (index % 2 !== 0) return;
    const documentId = newDocumentId();
    memberships.push({ documentId, state: 'active', decidedAt: REFERENCE_DATE });
    membershipProfile.push([documentId, profile]);
    membershipCollective.push([documentId, input.localOf(index)]);
  });
  const membershipIds = await insertDocuments(bulk, MEMBERSHIP, memberships, null);
  await linkDocuments(bulk, MEMBERSHIP, 'profile', membershipProfile, membershipIds, input.profileIds);
  await linkDocuments(bulk, MEMBERSHIP, 'collective', membershipCollective, membershipIds, input.collectiveIds);

  // One member in four registered for two events still to come.
  const upcoming = input.events.filter((e) => e.startsAt > REFERENCE_DATE);
  const registrations: Data[] = [];
  const registrationProfile: Array<[string, string]> = [];
  const registrationEvent: Array<[string, string]> = [];
  profiles.forEach((profile, index) => {
    if (index % 4 !== 0 || upcoming.length === 0) return;
    for (const event of faker.helpers.arrayElements(upcoming, Math.min(2, upcoming.length))) {
      const documentId = newDocumentId();
      registrations.push({ documentId, state: faker.datatype.boolean({ probability: 0.9 }) ? 'confirmed' : 'waiting' });
      registrationProfile.push([documentId, profile]);
      registrationEvent.push([documentId, event.documentId]);
    }
  });
  const registrationIds = await insertDocuments(bulk, REGISTRATION, registrations, null);
  await linkDocuments(bulk, REGISTRATION, 'profile', registrationProfile, registrationIds, input.profileIds);
  await linkDocuments(bulk, REGISTRATION, 'event', registrationEvent, registrationIds, input.eventIds);

  // Every other member has a few notifications, the latest one unread.
  const notifications: Data[] = [];
  const notificationProfile: Array<[string, string]> = [];
  profiles.forEach((profile, index) => {
    if (index % 2 !== 0) return;
    const count = 1 + (index % 3);
    for (let i = 0; i < count; i += 1) {
      const [kind, title, link] = KINDS[i % KINDS.length] as (typeof KINDS)[number];
      const documentId = newDocumentId();
      notifications.push({ documentId, kind, title, link, readAt: i === 0 ? null : REFERENCE_DATE });
      notificationProfile.push([documentId, profile]);
    }
  });
  const notificationIds = await insertDocuments(bulk, NOTIFICATION, notifications, null);
  await linkDocuments(bulk, NOTIFICATION, 'profile', notificationProfile, notificationIds, input.profileIds);

  return { memberships: memberships.length, registrations: registrations.length, notifications: notifications.length };
}
