import { z } from 'zod';

export const EmptyBody = z.strictObject({});
export const EmptyQuery = z.strictObject({});
export const SignInBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export const SwitchSchoolBody = z.strictObject({ schoolId: z.string().min(1).max(100) });

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows');
export const TotpConfirmBody = z.strictObject({ code });
export const SecondFactorBody = z.union([
  z.strictObject({ code }),
  z.strictObject({ recoveryCode: z.string().trim().min(8).max(40) }),
]);
export const UnlockBody = z.strictObject({ password: z.string().min(1).max(1000) });
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1000).optional(),
  newPassword: z.string().min(1).max(1000),
});
