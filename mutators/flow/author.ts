import {defineMutator} from '../define.ts';
import * as v from 'valibot';
import {flowProblems} from '../../schema/flow-validation.ts';
import {zql} from '../../schema/index.ts';
import {fail} from '../../rules/errors.ts';
import {assertEngineerOrOwner} from '../../rules/permissions.ts';
import {mustLoadOwned} from '../../rules/tenancy.ts';
import {id, optionalText, requiredText} from '../../rules/validators.ts';
import {flowDefinitionSchema} from './definition-schema.ts';

const EMPTY_FLOW = {
  start: 'start',
  nodes: [{id: 'start', kind: 'question' as const, text: '', options: []}],
};

export const createFlowArgs = v.object({
  flowId: id,
  title: requiredText(200),
  description: optionalText(2000),
  definition: v.optional(flowDefinitionSchema),
});

/** A new draft flow (engineers and owners author flows). */
export const create = defineMutator(
  createFlowArgs,
  {
    audit: a => ({type: 'flow', id: String(a.flowId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertEngineerOrOwner(ctx);
    const existing = await tx.run(zql.flow.where('id', args.flowId).one());
    if (existing) {
      if (existing.account_id === caller.accountId) return; // replay
      fail('invalid_input', 'flowId is already in use.', {field: 'flowId'});
    }
    const now = Date.now();
    await tx.mutate.flow.insert({
      id: args.flowId,
      account_id: caller.accountId,
      title: args.title,
      description: args.description ?? '',
      status: 'draft',
      definition: args.definition ?? EMPTY_FLOW,
      created_by: caller.userId,
      created_at: now,
      updated_at: now,
    });
  },
);

export const updateFlowArgs = v.object({
  flowId: id,
  title: v.optional(requiredText(200)),
  description: optionalText(2000),
  definition: v.optional(flowDefinitionSchema),
});

/** Edits a flow. A published flow stays walkable: an edit that breaks it is refused. */
export const update = defineMutator(
  updateFlowArgs,
  {
    audit: a => ({type: 'flow', id: String(a.flowId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertEngineerOrOwner(ctx);
    const flow = await mustLoadOwned(tx, caller, 'flow', args.flowId, 'Flow');
    if (args.definition && flow.status === 'published') {
      const [first] = flowProblems(args.definition);
      if (first) fail('invalid_input', `A published flow must stay walkable: ${first.message}`, {nodeId: first.nodeId});
    }
    await tx.mutate.flow.update({
      id: flow.id,
      ...(args.title !== undefined ? {title: args.title} : {}),
      ...(args.description !== undefined ? {description: args.description ?? ''} : {}),
      ...(args.definition ? {definition: args.definition} : {}),
      updated_at: Date.now(),
    });
  },
);

export const publishFlowArgs = v.object({flowId: id});

/** Publishes a flow once it is walkable; the refusal names the first problem's node. */
export const publish = defineMutator(
  publishFlowArgs,
  {
    audit: a => ({type: 'flow', id: String(a.flowId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertEngineerOrOwner(ctx);
    const flow = await mustLoadOwned(tx, caller, 'flow', args.flowId, 'Flow');
    const problems = flowProblems(flow.definition);
    if (problems.length) {
      fail('invalid_input', `This flow cannot be published yet: ${problems[0].message}`, {
        nodeId: problems[0].nodeId,
        problems: problems.map(p => p.message),
      });
    }
    await tx.mutate.flow.update({id: flow.id, status: 'published', updated_at: Date.now()});
  },
);

/** Takes a flow back to draft: L1 techs stop seeing it; walks already on it go on. */
export const unpublish = defineMutator(
  publishFlowArgs,
  {
    audit: a => ({type: 'flow', id: String(a.flowId)}),
    l1Workspace: false,
    queuesWork: false,
    changesSessions: false,
    outbox: 'by-name',
  },
  async ({tx, ctx, args}) => {
    const caller = assertEngineerOrOwner(ctx);
    const flow = await mustLoadOwned(tx, caller, 'flow', args.flowId, 'Flow');
    await tx.mutate.flow.update({id: flow.id, status: 'draft', updated_at: Date.now()});
  },
);
