import type { Core } from '@strapi/strapi';
import { yup } from '@strapi/utils';
import { escapeHtml } from '../../../mail';
import { viewerOf } from '../../../access/viewer';
import { pause, progressOf, resume } from '../../../mailing/controls';
import { checkConfirmation, confirm, signUp, signUpRequest } from '../../../mailing/subscribers';
import { unsubscribe, verified } from '../../../mailing/unsubscribe';
import { action, bodyOf, validate, type SpaceContext } from '../../../participation/http';

const resumeSchema = yup.object({ ratePerSecond: yup.number().integer().min(0).max(1000).optional() }).noUnknown();

const page = {
  fr: {
    title: 'Se désabonner',
    ask: {
      all: 'Ne plus recevoir aucun courriel de notre part ?',
      newsletter: 'Ne plus recevoir la lettre d’information ?',
      collective: 'Ne plus recevoir les nouvelles de ce collectif par courriel ?',
    },
    button: 'Confirmer',
    done: 'C’est fait : vous ne recevrez plus ces courriels. Vous pouvez changer d’avis dans votre espace membre.',
    subscribeTitle: 'Lettre d’information',
    subscribeAsk: 'Confirmer votre inscription à la lettre d’information ?',
    subscribeButton: 'Je confirme',
    subscribed: 'Merci : votre inscription est confirmée.',
  },
  en: {
    title: 'Unsubscribe',
    ask: {
      all: 'Stop receiving any e-mail from us?',
      newsletter: 'Stop receiving the newsletter?',
      collective: 'Stop receiving this collective’s news by e-mail?',
    },
    button: 'Confirm',
    done: 'Done: you will no longer receive these e-mails. You can change your mind in your members’ space.',
    subscribeTitle: 'Newsletter',
    subscribeAsk: 'Confirm your subscription to the newsletter?',
    subscribeButton: 'I confirm',
    subscribed: 'Thank you: your subscription is confirmed.',
  },
} as const;

const languageOf = (query: Record<string, unknown>) => (query.lang === 'en' ? 'en' : 'fr');

const html = (lang: 'fr' | 'en', body: string, title: string = page[lang].title) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

/** A page for a person following a link from a mail: never cached. */
function showPage(ctx: SpaceContext, lang: 'fr' | 'en', body: string, title?: string) {
  ctx.set('Content-Type', 'text/html; charset=utf-8');
  ctx.set('Cache-Control', 'no-store');
  ctx.body = html(lang, body, title);
}

const tokenOf = (ctx: SpaceContext) => String(ctx.query.token ?? '');

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
    const ask = request.scope === 'all' || request.scope === 'newsletter' ? request.scope : 'collective';
    showPage(
      ctx,
      lang,
      `<p>${words.ask[ask]}</p><form method="post" action="?${escapeHtml(query)}"><button type="submit">${words.button}</button></form>`,
    );
  }),
  /** RFC 8058 one-click, or the confirmation form: 200, and once done again changes nothing. */
  unsubscribe: action(async (ctx) => {
    await unsubscribe(strapi, verified(ctx.query));
    const lang = languageOf(ctx.query);
    showPage(ctx, lang, `<p>${page[lang].done}</p>`);
  }),
  /** The public site's sign-up form: the same answer whether the address is new, waiting or confirmed. */
  subscribe: action(async (ctx) => {
    await signUp(strapi, signUpRequest(bodyOf(ctx)));
    ctx.status = 202;
    ctx.body = { data: { status: 'confirmation-sent' } };
  }),
  /** The link in the confirmation mail: a GET only shows the button (link scanners follow links). */
  confirmSubscriptionPage: action(async (ctx) => {
    await checkConfirmation(strapi, tokenOf(ctx));
    const lang = languageOf(ctx.query);
    const words = page[lang];
    const query = new URLSearchParams({ token: tokenOf(ctx), lang }).toString();
    showPage(
      ctx,
      lang,
      `<p>${words.subscribeAsk}</p><form method="post" action="?${escapeHtml(query)}"><button type="submit">${words.subscribeButton}</button></form>`,
      words.subscribeTitle,
    );
  }),
  confirmSubscription: action(async (ctx) => {
    await confirm(strapi, tokenOf(ctx));
    const lang = languageOf(ctx.query);
    showPage(ctx, lang, `<p>${page[lang].subscribed}</p>`, page[lang].subscribeTitle);
  }),
});
