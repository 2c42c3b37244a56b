/** The feed endpoints of every locale, site-wide and per collective, over `feeds.ts`. */
import { organisation, type Locale } from '@notre-asso/config';
import { useTranslations } from '../i18n/ui';
import { loadContent, ofCollective } from './content';
import { calendarResponse, newsFeedResponse } from './feeds';

async function scope(locale: Locale, collectiveSlug?: string) {
  const content = await loadContent(locale);
  const collective = collectiveSlug ? content.collectives.find((c) => c.slug === collectiveSlug) : undefined;
  if (collectiveSlug && !collective) throw new Error(`No public collective "${collectiveSlug}"`);
  return { content, collective, name: collective?.name ?? organisation.name };
}

export async function agendaFeed(locale: Locale, site: URL, collectiveSlug?: string): Promise<Response> {
  const { content, name } = await scope(locale, collectiveSlug);
  const events = collectiveSlug ? ofCollective(content.events, collectiveSlug) : content.events;
  return calendarResponse({ locale, site, name: `${name} – ${useTranslations(locale)('agenda.title')}`, events });
}

export async function newsFeed(locale: Locale, site: URL, collectiveSlug?: string): Promise<Response> {
  const { content, name, collective } = await scope(locale, collectiveSlug);
  const briefs = collectiveSlug ? ofCollective(content.briefs, collectiveSlug) : content.briefs;
  const t = useTranslations(locale);
  return newsFeedResponse({
    locale,
    site,
    title: `${name} – ${t('news.title')}`,
    description: collective ? `${t('news.title')} – ${collective.name}` : `${t('news.title')} – ${organisation.name}`,
    briefs,
    allBriefs: content.briefs,
    collectives: content.collectives,
  });
}
