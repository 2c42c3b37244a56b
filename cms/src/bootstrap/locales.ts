import type { Core } from '@strapi/strapi';
import { defaultLocale, localeNames, locales } from '@notre-asso/config';

interface LocaleService {
  find(params?: unknown): Promise<Array<{ code: string }>>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  getDefaultLocale(): Promise<string>;
  setDefaultLocale(locale: { code: string }): Promise<void>;
}

/** French is the default language, English the second one; other locales are left alone. */
export async function applyLocales(strapi: Core.Strapi) {
  const service = strapi.plugin('i18n').service('locales') as LocaleService;
  const existing = new Set((await service.find()).map((l) => l.code));
  for (const code of locales) {
    if (!existing.has(code)) await service.create({ code, name: `${localeNames[code]} (${code})` });
  }
  if ((await service.getDefaultLocale()) !== defaultLocale) await service.setDefaultLocale({ code: defaultLocale });
}
