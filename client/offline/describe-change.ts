import {said, type OutboxDescription} from '../../mutators/facts.ts';
import {factsOf} from '../../mutators/index.ts';

/**
 * How a change reads in the outbox: its label, the typed text it carries,
 * its walk — as its mutator's `outbox` fact says (mutators/facts.ts), else
 * a label made from its name.
 */
export function describeChange(name: string, rawArgs: unknown): OutboxDescription {
  const facts = factsOf(name);
  if (facts && facts.outbox !== 'by-name') return facts.outbox(rawArgs ?? {});
  const a = (rawArgs ?? {}) as Record<string, unknown>;
  return {
    label: name
      .replace('.', ': ')
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase(),
    walkId: said(a.walkId),
  };
}
