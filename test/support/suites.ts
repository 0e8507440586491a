import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, beforeEach} from 'vitest';
import {launchBrowser} from './browser.ts';
import {startTestDatabase, type TestDatabase} from './database.ts';
import {serverMutator} from './server-mutate.ts';
import {startTestStack, type TestStack} from './stack.ts';

/** A browser test file's world: the whole stack serving the client, and Chromium. */
export function browserSuite(onReady: (world: {stack: TestStack; browser: Browser}) => void) {
  let world: {stack: TestStack; browser: Browser} | undefined;
  const start = async () => {
    const stack = await startTestStack({serveClient: true});
    world = {stack, browser: await launchBrowser()};
    onReady(world);
  };
  const stop = async () => {
    await world?.browser.close();
    await world?.stack.dispose();
    world = undefined;
  };
  beforeAll(start, 240_000);
  // A retry (vitest.config.ts) starts from a fresh stack, seeded as the file began: the first
  // try's rows (queue cards, invitees, settings, read marks) would otherwise count as the retry's own.
  beforeEach(async ctx => {
    if (!ctx.task.result?.retryCount) return;
    await stop();
    await start();
  }, 240_000);
  afterAll(stop, 60_000);
}

/** A server-mutator test file's world: a real Postgres and the mutate path without zero-cache. */
export function databaseSuite(onReady: (world: {db: TestDatabase; mutate: ReturnType<typeof serverMutator>}) => void) {
  let db: TestDatabase | undefined;
  const start = async () => {
    db = await startTestDatabase();
    onReady({db, mutate: serverMutator(db.sql)});
  };
  const stop = async () => {
    await db?.dispose();
    db = undefined;
  };
  beforeAll(start, 120_000);
  // A retry starts from a fresh database, as browserSuite's does.
  beforeEach(async ctx => {
    if (!ctx.task.result?.retryCount) return;
    await stop();
    await start();
  }, 120_000);
  afterAll(stop);
}
