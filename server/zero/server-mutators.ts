import {defineMutators} from '@rocicorp/zero';
import {mutators} from '../../mutators/index.ts';

/**
 * The server's mutator tree: the shared mutators, with server-only
 * overrides layered on top where a rule needs what only the server has
 * (row locks, other users' rows, seat counts).
 */
export const serverMutators = defineMutators(mutators, {});
