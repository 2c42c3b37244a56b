import type { Core } from '@strapi/strapi';
import { organisation } from '@notre-asso/config';
import { renderMail, sendMail } from '../cms/src/mail';
import { startSmtp, type Inbox } from './support/smtp';
import { startStrapi, stopStrapi } from './support/strapi';

let strapi: Core.Strapi;
let inbox: Inbox;

beforeAll(async () => {
  inbox = await startSmtp();
  strapi = await startStrapi();
});
afterAll(async () => {
  await stopStrapi(strapi);
  await inbox.stop();
});

test('a mail reaches the SMTP server as text and HTML, in the recipient’s language, with the footer', async () => {
  const content = renderMail('fr', {
    subject: 'Bienvenue <chez nous>',
    paragraphs: ['Bonjour & bienvenue.'],
    action: { label: 'Ouvrir mon espace', url: 'http://localhost:4321/espace/' },
  });
  await sendMail(strapi, { to: 'someone@example.org', ...content });
  const mail = await inbox.waitFor('someone@example.org');
  expect(mail.subject).toBe('Bienvenue <chez nous>');
  expect(mail.text).toContain('Ouvrir mon espace : http://localhost:4321/espace/');
  expect(mail.text).toContain(organisation.address);
  expect(mail.html).toContain('Bonjour &amp; bienvenue.');
  expect(mail.html).toContain('lang="fr"');
  expect(mail.from?.text).toContain(organisation.contactEmail);
});
