import { z } from 'zod';

export const NoQuery = z.strictObject({});
export const SettingParams = z.strictObject({ key: z.string().min(1).max(100) });
export const PutSettingBody = z.strictObject({
  /** Checked against the key's own schema by the service. */
  value: z.unknown(),
  /** The version the client last read (0 when the school has never set it): a stale write is a 409. */
  expectedVersion: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
