import { spacePath } from '@notre-asso/config';
import { spaceLinkIn, spaceRouteOf } from '../site/src/i18n/routes';

// The CMS writes links into the space (notifications, mails) from the same table as the site's routes.
describe('links into the members’ space', () => {
  it('are pages the site serves, in both languages', () => {
    expect(spaceRouteOf(spacePath('fr', 'events'))).toEqual({ page: 'events', locale: 'fr' });
    expect(spaceRouteOf(spacePath('en', 'newPassword'))).toEqual({ page: 'newPassword', locale: 'en' });
    expect(spaceRouteOf('/espace/evenements/')).toBeNull();
  });

  it('are shown in the reader’s language, query and fragment kept', () => {
    expect(spaceLinkIn('en', '/espace/agenda/')).toBe('/en/space/events/');
    expect(spaceLinkIn('en', '/espace/collectifs?x=1#lyon')).toBe('/en/space/collectives/?x=1#lyon');
    expect(spaceLinkIn('fr', '/en/space/')).toBe('/espace/');
    expect(spaceLinkIn('en', '/actualites/')).toBe('/actualites/');
  });
});
