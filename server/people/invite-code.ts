import {createHash} from 'node:crypto';

/** Invite links carry a random code; only its SHA-256 is stored. */
export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
