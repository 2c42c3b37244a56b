import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server for the tests: the CMS sends through it exactly as it would through the
 * organisation's relay, and tests read what arrived. Start it before Strapi, which reads
 * SMTP_HOST and SMTP_PORT when it loads.
 */
export interface Inbox {
  port: number;
  mails: ParsedMail[];
  /** Mails sent to this address so far. */
  to(address: string): ParsedMail[];
  /** Waits for a mail to this address matching the test, and returns it. */
  waitFor(address: string, test?: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
}

/** An SMTP answer to refuse a recipient with (4xx: try later; 5xx: never). */
export interface Refusal {
  code: number;
  message: string;
}

export interface SmtpOptions {
  /** Called at each RCPT TO: a refusal turns the recipient down, nothing accepts it. */
  onRecipient?: (address: string) => Refusal | undefined;
}

export async function startSmtp(options: SmtpOptions = {}): Promise<Inbox> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    onRcptTo(address, _session, callback) {
      const refusal = options.onRecipient?.(address.address.toLowerCase());
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The CMS's pooled transport keeps its connections open: do not wait 30 s for them at the end.
    closeTimeout: 200,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  // A sender killed mid-connection (the worker kill test) resets its socket: the server reports
  // it as an error event, which is no failure of the test and must not crash the suite.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  process.env.SMTP_HOST = '127.0.0.1';
  process.env.SMTP_PORT = String(port);

  const to = (address: string) => mails.filter((m) => addressesOf(m).includes(address.toLowerCase()));

  return {
    port,
    mails,
    to,
    async waitFor(address, test = () => true, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = to(address).find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      delete process.env.SMTP_HOST;
      delete process.env.SMTP_PORT;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function addressesOf(mail: ParsedMail): string[] {
  const fields = [mail.to].flat().filter((f) => f !== undefined);
  return fields.flatMap((f) => f.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** The first link in a mail's text that starts with this prefix. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const match = (mail.text ?? '').split(/\s+/).find((word) => word.startsWith(prefix));
  if (!match) throw new Error(`no link starting with ${prefix} in: ${mail.text}`);
  return match;
}
