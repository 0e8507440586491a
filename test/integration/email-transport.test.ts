import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {emailTransportFromEnv} from '../../server/notify/email-transport.ts';

/** A minimal SMTP server on loopback: the true external boundary of email. */
function fakeSmtpServer(): Promise<{port: number; messages: string[]; close: () => void}> {
  const messages: string[] = [];
  const server = net.createServer(socket => {
    let data = false;
    let body = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', chunk => {
      for (const line of chunk.toString().split('\r\n')) {
        if (data) {
          if (line === '.') {
            data = false;
            messages.push(body);
            body = '';
            socket.write('250 queued\r\n');
          } else body += line + '\n';
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (!line) continue;
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 fake\r\n');
        else if (cmd === 'DATA') {
          data = true;
          socket.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () => resolve({port: (server.address() as net.AddressInfo).port, messages, close: () => server.close()})),
  );
}

describe('email transports', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-mail-'));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it('defaults to a JSON-lines file in the data dir', async () => {
    const t = await emailTransportFromEnv(dir, {});
    expect(t.name).toBe('file');
    await t.send({to: 'a@example.test', subject: 'Hello', text: 'Body'});
    const line = JSON.parse(readFileSync(path.join(dir, 'mail-outbox.jsonl'), 'utf8').trim());
    expect(line).toMatchObject({to: 'a@example.test', subject: 'Hello', text: 'Body'});
  });

  it('sends over SMTP when TANDEM_SMTP_URL is set', async () => {
    const smtp = await fakeSmtpServer();
    try {
      const t = await emailTransportFromEnv(dir, {TANDEM_SMTP_URL: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, TANDEM_MAIL_FROM: 'Tandem <t@example.test>'});
      expect(t.name).toBe('smtp');
      await t.send({to: 'eng@example.test', subject: 'New escalation', text: 'Printer offline'});
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain('Subject: New escalation');
      expect(smtp.messages[0]).toContain('Printer offline');
    } finally {
      smtp.close();
    }
  });
});
