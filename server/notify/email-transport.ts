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
