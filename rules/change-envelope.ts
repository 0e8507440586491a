/**
 * What a browser's outbox adds to a change's arguments (docs/offline.md):
 * `changeId`, the client-chosen id that makes a replay land once, and
 * `replayed`, set when the outbox resends a change it sent before (after a
 * reload or a long offline spell). Both are optional: a client without an
 * outbox (Node, tests, docs/contract.md's examples) sends plain arguments.
 */
type ChangeEnvelope = {changeId?: string; replayed?: boolean};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The envelope of some raw arguments; only well-formed values count. */
export function changeEnvelopeOf(args: unknown): ChangeEnvelope {
  if (!isRecord(args)) return {};
  const changeId = typeof args.changeId === 'string' && UUID.test(args.changeId) ? args.changeId : undefined;
  return {changeId, replayed: args.replayed === true || undefined};
}

/**
 * Splits raw arguments into the mutator's own and the envelope. A malformed
 * envelope is reported (it is part of the input like any other field).
 */
export function splitEnvelope(args: unknown): {args: unknown; envelope: ChangeEnvelope; problem?: string} {
  if (!isRecord(args) || !('changeId' in args || 'replayed' in args)) return {args, envelope: {}};
  const {changeId, replayed, ...rest} = args;
  const envelope = changeEnvelopeOf(args);
  if (changeId !== undefined && !envelope.changeId) return {args: rest, envelope, problem: 'changeId: must be a UUID'};
  if (replayed !== undefined && typeof replayed !== 'boolean') return {args: rest, envelope, problem: 'replayed: must be a boolean'};
  return {args: rest, envelope};
}

/** Adds an envelope to a change's arguments. */
export function withEnvelope<T>(args: T, envelope: ChangeEnvelope): T {
  return {...(args as object), ...envelope} as T;
}
