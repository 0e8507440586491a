import type {Browser} from 'playwright-core';
import {afterAll, beforeAll, beforeEach} from 'vitest';
import {launchBrowser} from './browser.ts';
import {startTestDatabase, type TestDatabase} from './database.ts';
import {serverMutator} from './server-mutate.ts';
import {startTestStack, type TestStack} from './stack.ts';

/**
 * One world per test file: made before the first test, disposed after the
 * last. A retry (vitest.config.ts) gets a fresh one, seeded as the file
 * began: the first try's rows (queue cards, invitees, settings, read marks)
 * would otherwise count as the retry's own.
 */
function worldPerFile<W>(make: () => Promise<W>, dispose: (world: W) => Promise<void>, onReady: (world: W) => void, startMs: number) {
  let world: W | undefined;
  const start = async () => {
    world = await make();
    onReady(world);
  };
  const stop = async () => {
    if (world !== undefined) await dispose(world);
    world = undefined;
  };
  beforeAll(start, startMs);
  beforeEach(async ctx => {
    if (!ctx.task.result?.retryCount) return;
    await stop();
    await start();
  }, startMs);
  afterAll(stop, 60_000);
}

/** A browser test file's world: the whole stack serving the client, and Chromium. */
export function browserSuite(onReady: (world: {stack: TestStack; browser: Browser}) => void) {
  worldPerFile(
    async () => ({stack: await startTestStack({serveClient: true}), browser: await launchBrowser()}),
    async ({stack, browser}) => {
      await browser.close();
      await stack.dispose();
    },
    onReady,
    240_000,
  );
}

/**
 * A test file's own whole stack without the client (zero-cache, the API,
 * PostgreSQL), e.g. for the chaos tests that break its parts: a retry gets
 * a fresh stack, not one a failed try left half broken.
 */
export function stackSuite(onReady: (stack: TestStack) => void, options: Parameters<typeof startTestStack>[0] = {}) {
  worldPerFile(
    () => startTestStack(options),
    stack => stack.dispose(),
    onReady,
    240_000,
  );
}

/** A server-mutator test file's world: a real Postgres and the mutate path without zero-cache. */
export function databaseSuite(onReady: (world: {db: TestDatabase; mutate: ReturnType<typeof serverMutator>}) => void) {
  worldPerFile(
    async () => {
      const db = await startTestDatabase();
      return {db, mutate: serverMutator(db.sql)};
    },
    ({db}) => db.dispose(),
    onReady,
    120_000,
  );
}
