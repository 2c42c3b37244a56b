import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { escapeHtml } from '../../../mail';
import { viewerOf } from '../../../access/viewer';
import { pause, progressOf, resume } from '../../../mailing/controls';
import { unsubscribe, verified } from '../../../mailing/unsubscribe';
import { action, bodyOf, validate } from '../../../participation/http';

const resumeSchema = yup.object({ ratePerSecond: yup.number().integer().min(0).max(1000).optional() }).noUnknown();

const page = {
  fr: {
    title: 'Se désabonner',
    ask: {
      all: 'Ne plus recevoir aucun courriel de notre part ?',
      collective: 'Ne plus recevoir les nouvelles de ce collectif par courriel ?',
    },
    button: 'Confirmer',
    done: 'C’est fait : vous ne recevrez plus ces courriels. Vous pouvez changer d’avis dans votre espace membre.',
  },
  en: {
    title: 'Unsubscribe',
    ask: { all: 'Stop receiving any e-mail from us?', collective: 'Stop receiving this collective’s news by e-mail?' },
    button: 'Confirm',
    done: 'Done: you will no longer receive these e-mails. You can change your mind in your members’ space.',
  },
} as const;

const languageOf = (query: Record<string, unknown>) => (query.lang === 'en' ? 'en' : 'fr');

const html = (lang: 'fr' | 'en', body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${page[lang].title}</title></head><body><main><h1>${page[lang].title}</h1>${body}</main></body></html>`;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  progress: action(async (ctx) => {
    ctx.body = { data: await progressOf(strapi, await viewerOf(strapi, ctx), ctx.params.documentId) };
  }),
  pause: action(async (ctx) => {
    ctx.body = { data: await pause(strapi, await viewerOf(strapi, ctx), ctx.params.documentId) };
  }),
  resume: action(async (ctx) => {
    const body = await validate<{ ratePerSecond?: number }>(resumeSchema, bodyOf(ctx));
    ctx.body = { data: await resume(strapi, await viewerOf(strapi, ctx), ctx.params.documentId, body.ratePerSecond) };
  }),
  /** A plain GET (a person, or a link scanner) only asks for confirmation; the form POSTs. */
  confirmUnsubscribe: action(async (ctx) => {
    const request = verified(ctx.query);
    const lang = languageOf(ctx.query);
    const words = page[lang];
    const query = new URLSearchParams(ctx.query as Record<string, string>).toString();
    ctx.set('Content-Type', 'text/html; charset=utf-8');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html(
      lang,
      `<p>${words.ask[request.scope === 'all' ? 'all' : 'collective']}</p><form method="post" action="?${escapeHtml(query)}"><button type="submit">${words.button}</button></form>`,
    );
  }),
  /** RFC 8058 one-click, or the confirmation form: 200, and once done again changes nothing. */
  unsubscribe: action(async (ctx) => {
    await unsubscribe(strapi, verified(ctx.query));
    const lang = languageOf(ctx.query);
    ctx.set('Content-Type', 'text/html; charset=utf-8');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html(lang, `<p>${page[lang].done}</p>`);
  }),
});
