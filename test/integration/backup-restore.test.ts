import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {mutators} from '../../mutators/index.ts';
import {queries} from '../../queries/index.ts';
import {ROOT_DIR} from '../../server/config.ts';
import {startTandem} from '../../server/start.ts';
import {signIn} from '../support/sign-in.ts';
import {isolatedConfig} from '../support/stack.ts';
import {zeroClient} from '../support/zero-client.ts';

const NODE = path.join(ROOT_DIR, 'node_modules', 'node', 'bin', 'node');

/** `npm run backup` / `npm run restore FILE`, as a person runs them. */
function run(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const out = spawnSync(NODE, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
    cwd: ROOT_DIR,
    env: {...process.env, DATABASE_URL: '', ...env},
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {code: out.status, out: `${out.stdout}${out.stderr}`};
}

describe('backup and restore of the embedded database', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-backup-'));
  chmodSync(dataDir, 0o755);
  const backupFile = path.join(dataDir, 'before.tandem-backup.gz');
  afterAll(() => rmSync(dataDir, {recursive: true, force: true}));

  it('a restored stack serves the same walks and tickets, and zero-cache syncs the restored database by itself', async () => {
    const base = {authSecret: 'backup-secret-0123456789-abcdefghijkl', zeroAdminPassword: 'backup-admin', log: () => {}};
    const config = await isolatedConfig(dataDir, base);
    const env = {TANDEM_DATA_DIR: dataDir, TANDEM_PG_PORT: String(config.embeddedPgPort), PORT: String(config.port)};

    const first = await startTandem(config);
    const ticketId = crypto.randomUUID();
    const walkId = crypto.randomUUID();
    const laterTicketId = crypto.randomUUID();
    try {
      const l1 = zeroClient(first.zeroUrl, await signIn(first.appUrl, 'l1@northwind.test'));
      try {
        const intake = l1.mutate(mutators.ticket.intake({ticketId, walkId, problemStatement: 'VPN drops every hour', customerName: 'Fabrikam'}));
        expect(await intake.server).toEqual({type: 'success'});
        // Mutators read the walk from the local store, as the walker page does.
        const view = l1.materialize(queries.walk.byId({walkId}));
        await l1.run(queries.walk.byId({walkId}), {type: 'complete'});
        const notes = l1.mutate(mutators.walk.updateNotes({walkId, notes: 'Drops at :00 each hour.\nOnly on Wi-Fi.'}));
        expect(await notes.server).toEqual({type: 'success'});
        const item = l1.mutate(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId, kind: 'question', text: 'Does it drop on wired too?'}));
        expect(await item.server).toEqual({type: 'success'});

        // Backed up while Tandem runs.
        const backup = run('backup', [backupFile], env);
        expect(backup.code, backup.out).toBe(0);
        expect(backup.out).toMatch(/Backed up \d+ rows of \d+ tables/);

        // A change after the backup: gone after the restore.
        const later = l1.mutate(mutators.ticket.intake({ticketId: laterTicketId, walkId: crypto.randomUUID(), problemStatement: 'After the backup'}));
        expect(await later.server).toEqual({type: 'success'});
        view.destroy();
      } finally {
        await l1.close();
      }
    } finally {
      await first.stop();
    }

    const restore = run('restore', [backupFile], env);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toMatch(/Restored \d+ rows/);
    expect(readdirSync(dataDir).some(f => f.startsWith('postgres.before-restore-'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'zero-replica.db'))).toBe(false);

    // Other ports than the first stack's: nothing of the first run may reach the restored one.
    let secondConfig = await isolatedConfig(dataDir, base);
    while ([config.port, config.zeroPort].some(p => Math.abs(p - secondConfig.zeroPort) < 3 || p === secondConfig.port)) {
      secondConfig = await isolatedConfig(dataDir, base);
    }
    const second = await startTandem(secondConfig);
    try {
      // Sign-ins (auth schema) came back too. The restored data is read by a colleague's fresh client:
      // Zero's in-memory store is per process and user, and l1's still holds the old stack's client group
      // (a browser in that state is told "client not found" and reloads).
      await signIn(second.appUrl, 'l1@northwind.test');
      const senior = zeroClient(second.zeroUrl, await signIn(second.appUrl, 'senior@northwind.test'));
      try {
        const tickets = await senior.run(queries.ticket.list({}), {type: 'complete'});
        expect(tickets.some(t => t.id === ticketId && t.problem_statement === 'VPN drops every hour')).toBe(true);
        expect(tickets.some(t => t.id === laterTicketId)).toBe(false);
        const view = senior.materialize(queries.walk.byId({walkId}));
        const walk = await senior.run(queries.walk.byId({walkId}), {type: 'complete'});
        expect(walk?.notes).toBe('Drops at :00 each hour.\nOnly on Wi-Fi.');
        expect(walk?.lane.map(i => i.text)).toEqual(['Does it drop on wired too?']);
        // And the restored database takes new work.
        const next = senior.mutate(mutators.taskLane.add({itemId: crypto.randomUUID(), walkId, kind: 'check', text: 'Ping the gateway'}));
        expect(await next.server).toEqual({type: 'success'});
        view.destroy();
      } finally {
        await senior.close();
      }
    } finally {
      await second.stop();
    }
  }, 300_000);

  it('refuses a file that is not a backup with one line', async () => {
    const notABackup = path.join(dataDir, 'not-a-backup.gz');
    spawnSync('sh', ['-c', `echo hello | gzip > ${notABackup}`]);
    const config = await isolatedConfig(dataDir, {authSecret: 'backup-secret-0123456789-abcdefghijkl', zeroAdminPassword: 'backup-admin', log: () => {}});
    const env = {TANDEM_DATA_DIR: dataDir, TANDEM_PG_PORT: String(config.embeddedPgPort), PORT: String(config.port)};
    const bad = run('restore', [notABackup], env);
    expect(bad.code).toBe(1);
    expect(bad.out.trim()).toBe('Restore failed: not a Tandem backup file');
  });
});
