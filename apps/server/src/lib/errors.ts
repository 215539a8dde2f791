/** One error type for the whole server; codes map to HTTP statuses in one place (http/errors.ts). */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'totp_required'
  | 'password_change_required'
  | 'locked'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'csrf'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Not found'): AppError => new AppError('not_found', what);
export const forbidden = (msg = 'You do not have permission to do that'): AppError =>
  new AppError('forbidden', msg);
