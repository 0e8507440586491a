import type {MutatorResultDetails} from '@rocicorp/zero';

/** A person-readable sentence for a failed mutation, or null when it succeeded. */
export function mutationError(result: MutatorResultDetails): string | null {
  if (result.type === 'success') return null;
  return result.error.message || 'The change was refused.';
}
