import {ApplicationError, type ReadonlyJSONValue} from '@rocicorp/zero';

/** Stable error codes (docs/contract.md): clients and external checks branch on these. */
export const ERROR_CODES = ['seat_limit_exceeded', 'already_claimed', 'forbidden', 'not_found', 'invalid_state', 'invalid_input', 'unauthenticated'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

type ErrorDetails = {readonly code: ErrorCode; readonly [key: string]: ReadonlyJSONValue};

export class TandemError extends ApplicationError<ErrorDetails> {
  constructor(code: ErrorCode, message: string, extra: Record<string, ReadonlyJSONValue> = {}) {
    super(message, {details: {...extra, code}});
  }
}

export function fail(code: ErrorCode, message: string, extra?: Record<string, ReadonlyJSONValue>): never {
  throw new TandemError(code, message, extra);
}
