import {describe, expect, it} from 'vitest';
import type {TestDatabase} from '../support/database.ts';
import {databaseSuite} from '../support/suites.ts';
import {demoContext, type serverMutator} from '../support/server-mutate.ts';

describe('flow authoring on the server', () => {
  let db: TestDatabase;
  let mutate: ReturnType<typeof serverMutator>;
  const senior = demoContext('senior@northwind.test');
  const l1 = demoContext('l1@northwind.test');
  const contoso = demoContext('engineer@contoso.test');

  databaseSuite(world => ({db, mutate} = world));

  const flowRow = async (id: string) => (await db.sql`select status, title, definition from flow where id = ${id}`)[0];

  it('an engineer drafts, edits and publishes; an unwalkable draft is refused naming the node', async () => {
    const flowId = crypto.randomUUID();
    expect(await mutate(senior, 'flow.create', {flowId, title: 'Teams camera'})).toEqual({ok: true});
    expect(await flowRow(flowId)).toMatchObject({status: 'draft', title: 'Teams camera'});

    const broken = {
      start: 'q',
      nodes: [
        {
          id: 'q',
          kind: 'question',
          text: 'Camera light on?',
          options: [
            {id: 'y', label: 'Yes', next: 'fixed'},
            {id: 'n', label: 'No', next: 'ghost'},
          ],
        },
        {id: 'fixed', kind: 'resolution', text: 'Works', options: []},
        {id: 'island', kind: 'resolution', text: 'Unreachable', options: []},
      ],
    };
    expect(await mutate(senior, 'flow.update', {flowId, definition: broken})).toEqual({ok: true});
    const refused = await mutate(senior, 'flow.publish', {flowId});
    expect(refused).toMatchObject({ok: false, code: 'invalid_input', details: {nodeId: 'q'}});
    expect(!refused.ok && refused.message).toContain('"ghost"');
    expect((await flowRow(flowId)).status).toBe('draft');

    broken.nodes[0].options[1].next = 'fixed';
    broken.nodes.pop();
    expect(await mutate(senior, 'flow.update', {flowId, definition: broken})).toEqual({ok: true});
    expect(await mutate(senior, 'flow.publish', {flowId})).toEqual({ok: true});
    expect((await flowRow(flowId)).status).toBe('published');

    // A published flow cannot be edited into an unwalkable one.
    const orphaned = structuredClone(broken);
    orphaned.nodes.push({id: 'island', kind: 'resolution', text: 'x', options: []});
    expect(await mutate(senior, 'flow.update', {flowId, definition: orphaned})).toMatchObject({ok: false, code: 'invalid_input', details: {nodeId: 'island'}});
  });

  it('L1 techs cannot author; other accounts cannot touch the flow; malformed trees are invalid input', async () => {
    const flowId = crypto.randomUUID();
    expect(await mutate(l1, 'flow.create', {flowId, title: 'Nope'})).toMatchObject({ok: false, code: 'forbidden'});
    expect(await mutate(senior, 'flow.create', {flowId, title: 'Mine'})).toEqual({ok: true});
    expect(await mutate(contoso, 'flow.update', {flowId, title: 'Theirs'})).toMatchObject({ok: false, code: 'not_found'});
    expect(await mutate(contoso, 'flow.publish', {flowId})).toMatchObject({ok: false, code: 'not_found'});
    expect(await mutate(senior, 'flow.update', {flowId, definition: {start: 'a', nodes: [{id: 'a', kind: 'bogus', text: 'x', options: []}]}})).toMatchObject({
      ok: false,
      code: 'invalid_input',
    });
    expect((await flowRow(flowId)).title).toBe('Mine');
  });
});
