import type {Role} from './enums.ts';

/**
 * Who is calling, as the server derived it from the session. Mutators and
 * queries read it as `ctx`; a client cannot forge it (the server builds its own).
 */
export type TandemContext = {
  userId: string;
  accountId: string;
  role: Role;
  canCoverL1: boolean;
};
