import {chmodSync, mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {configFromEnv} from '../../server/config.ts';
import {PortInUseError} from '../../server/ports.ts';
import {startTandem} from '../../server/start.ts';
import {freePort} from '../support/free-port.ts';

/** `npm start` twice reuses the data; a taken port gets one clear sentence. */
describe('starting again', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-restart-'));
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, {recursive: true, force: true}));

  async function config() {
    return configFromEnv({
      port: await freePort(),
      zeroPort: await freePort(3),
      embeddedPgPort: await freePort(),
      dataDir,
      databaseUrl: undefined,
      publicZeroUrl: undefined,
      serveClient: false,
      ai: null,
      log: () => {},
    });
  }

  it('keeps tickets and the seeded people across a restart, seeding nothing twice', async () => {
    const first = await startTandem(await config());
    const ticketId = crypto.randomUUID();
    const [owner] = await first.sql`select id, account_id from member where email = 'l1@northwind.test'`;
    await first.sql`insert into ticket (id, account_id, problem_statement, status, created_by, created_at, updated_at)
      values (${ticketId}, ${owner.account_id}, 'Survives a restart', 'open', ${owner.id}, ${Date.now()}, ${Date.now()})`;
    const [{people}] = await first.sql`select count(*)::int as people from member`;
    await first.stop();

    const second = await startTandem(await config());
    try {
      expect(await second.sql`select problem_statement from ticket where id = ${ticketId}`).toEqual([{problem_statement: 'Survives a restart'}]);
      expect((await second.sql`select count(*)::int as people from member`)[0].people).toBe(people);
      const health = await fetch(`${second.appUrl}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await second.stop();
    }
  }, 240_000);

  it('refuses a taken port with a readable message, before starting anything', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>(r => blocker.listen(port, '0.0.0.0', () => r()));
    try {
      const error = await startTandem({...(await config()), port}).catch(e => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect(error.message).toBe(`Port ${port} (the web app and API) is already in use. Stop whatever uses it, or choose another port with PORT=<port>.`);
    } finally {
      blocker.close();
    }
  });
});
