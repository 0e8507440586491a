import {
  defineMutator as defineZeroMutator,
  type DefaultContext,
  type DefaultSchema,
  type DefaultWrappedTransaction,
  type MutatorDefinition,
  type ReadonlyJSONValue,
  type Transaction,
} from '@rocicorp/zero';
import type {StandardSchemaV1} from '@standard-schema/spec';
import {splitEnvelope} from '../rules/change-envelope.ts';
import {reportCarryingMutation} from './carrying-mutation.ts';
import type {MutatorFacts} from './facts.ts';

type Validator = StandardSchemaV1<any, any>;
type Result = StandardSchemaV1.Result<any>;

/**
 * The mutator's validator, seeing only the mutator's own arguments: the
 * outbox's envelope (changeId, replayed) is checked on its own and handed
 * through to the mutator function.
 */
function acceptingEnvelope(validator: Validator): Validator & {argsValidator: Validator} {
  return {
    argsValidator: validator,
    '~standard': {
      version: 1,
      vendor: 'tandem',
      validate(value: unknown) {
        const {args, envelope, problem} = splitEnvelope(value);
        if (problem) return {issues: [{message: problem}]};
        const keep = (result: Result): Result =>
          result.issues ? result : {value: envelope.changeId || envelope.replayed ? {...result.value, ...envelope} : result.value};
        const result = validator['~standard'].validate(args);
        return result instanceof Promise ? result.then(keep) : keep(result);
      },
    },
  };
}

/**
 * Zero's defineMutator, made safe for rebases and replays.
 *
 * When newer server state arrives, the client replays its pending changes on
 * top of it; a refusal thrown during that replay (say a claim someone else
 * just won) would break the processing of the whole poke and stop sync. So a
 * rebase that would be refused simply does nothing: the server's verdict
 * still reaches the caller on `.server`, and the optimistic change is dropped.
 *
 * The same holds for a change the outbox resends (`replayed`): the local
 * store may already hold it (Zero kept its own copy) or may have moved on;
 * either way the server, not this browser, decides, so a local refusal only
 * skips the optimistic effect and the change is still sent.
 *
 * A change with a change id says, on its first run here, which Zero mutation
 * carries it (carrying-mutation.ts): the outbox's way to know whether Zero
 * still holds it.
 *
 * `facts` says what the rest of the system needs to know about the mutator
 * (its audit subject, whether it is the L1 workspace, whether it queues
 * after-commit work, how it reads in the outbox): see mutators/facts.ts.
 */
export function defineMutator<TInput extends ReadonlyJSONValue | undefined, TOutput extends ReadonlyJSONValue | undefined, F extends MutatorFacts<TOutput>>(
  validator: StandardSchemaV1<TInput, TOutput>,
  facts: F,
  fn: (options: {args: TOutput; ctx: DefaultContext; tx: Transaction<DefaultSchema, DefaultWrappedTransaction>}) => Promise<void>,
): MutatorDefinition<TInput, TOutput, DefaultContext, DefaultWrappedTransaction> & {readonly facts: F} {
  const definition = defineZeroMutator(acceptingEnvelope(validator) as any, async (options: any) => {
    const {args, envelope} = splitEnvelope(options.args);
    const tx = options.tx;
    if (tx.location === 'client' && tx.reason === 'optimistic' && envelope.changeId) {
      reportCarryingMutation({clientID: tx.clientID, mutationID: tx.mutationID, changeId: envelope.changeId});
    }
    try {
      await fn({...options, args});
    } catch (error) {
      if (options.tx.location === 'client' && (options.tx.reason === 'rebase' || envelope.replayed)) return;
      throw error;
    }
  }) as unknown as MutatorDefinition<TInput, TOutput, DefaultContext, DefaultWrappedTransaction>;
  return Object.assign(definition, {facts});
}

/** The validator of a mutator's own arguments (without the envelope), for tools that read its shape. */
export function argsValidatorOf(definition: {validator?: unknown}): unknown {
  const v = definition.validator as {argsValidator?: unknown} | undefined;
  return v?.argsValidator ?? v;
}
