import { z } from 'zod';

export const SignInBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export const SwitchSchoolBody = z.strictObject({ schoolId: z.string().min(1).max(100) });
