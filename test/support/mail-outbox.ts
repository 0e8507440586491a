import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import type {EmailMessage} from '../../server/notify/email-transport.ts';
import {eventually} from './zero-client.ts';

/** The messages a test stack's default (file) email transport has written so far. */
export function mailOutbox(dataDir: string): (EmailMessage & {at: string})[] {
  const file = path.join(dataDir, 'mail-outbox.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
}

/** Waits for the `nth` message (from 1) to `to` whose subject matches, and returns it. */
export async function waitForMail(dataDir: string, to: string, subject: RegExp, nth = 1): Promise<EmailMessage> {
  const found = await eventually(
    () => mailOutbox(dataDir).filter(m => m.to === to && subject.test(m.subject)),
    list => list.length >= nth,
  );
  return found[nth - 1]!;
}

/** The first http(s) link in a message's text that contains `contains`. */
export function linkIn(message: EmailMessage, contains: string): string {
  const link = message.text.match(/https?:\/\/\S+/g)?.find(l => l.includes(contains));
  if (!link) throw new Error(`no link with ${contains} in: ${message.text}`);
  return link;
}
