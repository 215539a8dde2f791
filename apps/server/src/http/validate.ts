import type { z } from 'zod';
import { AppError } from '../lib/errors.js';
import { zodDetails } from './errors.js';

/** Parses request input with a zod schema; failure is a 400 `validation` error listing each problem. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new AppError('validation', 'The request is not valid', zodDetails(r.error));
  return r.data;
}
