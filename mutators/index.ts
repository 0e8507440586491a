import {defineMutators} from '@rocicorp/zero';
import {intake} from './ticket/intake.ts';

/**
 * The shared mutator tree (SPEC §13). The browser runs these optimistically;
 * the server runs the same code, with its authoritative layer, in
 * server/zero/server-mutators.ts.
 */
export const mutators = defineMutators({
  ticket: {
    intake,
  },
});

export type Mutators = typeof mutators;
