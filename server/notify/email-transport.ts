import {appendFile, mkdir} from 'node:fs/promises';
import path from 'node:path';

export type EmailMessage = {to: string; subject: string; text: string};

/** How email leaves Tandem. Pluggable: tests and deployments pass their own. */
export type EmailTransport = {name: string; send: (message: EmailMessage) => Promise<void>};

/** The default: one JSON line per message in a file (nothing leaves the machine). */
export function fileEmailTransport(file: string): EmailTransport {
  return {
    name: 'file',
    async send(message) {
      await mkdir(path.dirname(file), {recursive: true});
      await appendFile(file, JSON.stringify({...message, at: new Date().toISOString()}) + '\n');
    },
  };
}

/** SMTP through nodemailer, e.g. smtp://user:pass@mail.example.com:587. */
export async function smtpEmailTransport(url: string, from: string): Promise<EmailTransport> {
  const nodemailer = await import('nodemailer');
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(message) {
      await transporter.sendMail({from, to: message.to, subject: message.subject, text: message.text});
    },
  };
}

/** TANDEM_SMTP_URL picks SMTP; otherwise the file transport in the data dir. */
export async function emailTransportFromEnv(dataDir: string, env = process.env): Promise<EmailTransport> {
  if (env.TANDEM_SMTP_URL) return smtpEmailTransport(env.TANDEM_SMTP_URL, env.TANDEM_MAIL_FROM || 'Tandem <tandem@localhost>');
  return fileEmailTransport(path.join(dataDir, 'mail-outbox.jsonl'));
}
