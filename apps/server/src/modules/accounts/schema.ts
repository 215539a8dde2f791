import { z } from 'zod';
import { ROLES } from '@harbour/shared';

export const EmptyBody = z.strictObject({});
export const IdParams = z.strictObject({ id: z.string().min(1).max(100) });
export const RoleParams = z.strictObject({ id: z.string().min(1).max(100), role: z.enum(ROLES) });
export const TokenParams = z.strictObject({ token: z.string().min(10).max(200) });

export const ListAccountsQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ListAccountsQuery = z.infer<typeof ListAccountsQuery>;

export const DisableBody = z.strictObject({ reason: z.string().trim().max(200).optional() });
export const GrantRoleBody = z.strictObject({ role: z.enum(ROLES) });

export const InvitationBody = z.strictObject({
  /** Staff only: the roles the account starts with (safeguarding roles are granted later, with approval). */
  roles: z.array(z.enum(ROLES)).min(1).max(5).optional(),
  /** Also email the link to the person's address on the register. */
  email: z.boolean().default(false),
});

export const USERNAME = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'use letters, digits, dots, dashes and underscores, starting with a letter or digit',
  );

export const AcceptBody = z.strictObject({
  username: USERNAME.optional(),
  password: z.string().min(1).max(1000),
});

export const ApprovalsQuery = z.strictObject({
  status: z.enum(['pending', 'decided', 'all']).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const RejectBody = z.strictObject({ reason: z.string().trim().max(200).optional() });
