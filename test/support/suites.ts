import type {Browser} from 'playwright-core';
import {afterAll, beforeAll} from 'vitest';
import {launchBrowser} from './browser.ts';
import {startTestDatabase, type TestDatabase} from './database.ts';
import {serverMutator} from './server-mutate.ts';
import {startTestStack, type TestStack} from './stack.ts';

/** A browser test file's world: the whole stack serving the client, and Chromium. */
export function browserSuite(onReady: (world: {stack: TestStack; browser: Browser}) => void) {
  let world: {stack: TestStack; browser: Browser} | undefined;
  beforeAll(async () => {
    const stack = await startTestStack({serveClient: true});
    world = {stack, browser: await launchBrowser()};
    onReady(world);
  }, 240_000);
  afterAll(async () => {
    await world?.browser.close();
    await world?.stack.dispose();
  }, 60_000);
}

/** A server-mutator test file's world: a real Postgres and the mutate path without zero-cache. */
export function databaseSuite(onReady: (world: {db: TestDatabase; mutate: ReturnType<typeof serverMutator>}) => void) {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await startTestDatabase();
    onReady({db, mutate: serverMutator(db.sql)});
  }, 120_000);
  afterAll(async () => db?.dispose());
}
