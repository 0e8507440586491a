import type {MutatorResultDetails} from '@rocicorp/zero';

export type ClaimRefusal = {message: string; holderName: string | null; claimedAt: number | null};

/** Reads an `already_claimed` refusal (who holds it, since when) or any other refusal. */
export function claimRefusal(result: MutatorResultDetails): ClaimRefusal | null {
  if (result.type === 'success') return null;
  if (result.error.type === 'app') {
    const d = (result.error.details ?? {}) as {code?: string; claimed_by_name?: string | null; claimed_at?: number | null};
    if (d.code === 'already_claimed') {
      return {message: result.error.message, holderName: d.claimed_by_name ?? null, claimedAt: d.claimed_at ?? null};
    }
  }
  return {message: result.error.message, holderName: null, claimedAt: null};
}

/** "Already claimed by NAME 12s ago" */
export function alreadyClaimedText(r: ClaimRefusal, now: number): string {
  if (!r.holderName) return r.message;
  const secs = r.claimedAt ? Math.max(0, Math.round((now - r.claimedAt) / 1000)) : null;
  const age = secs === null ? '' : secs < 60 ? ` ${secs}s ago` : ` ${Math.round(secs / 60)}m ago`;
  return `Already claimed by ${r.holderName}${age}`;
}
