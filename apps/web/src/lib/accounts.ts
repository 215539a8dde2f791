import { ROLES, ROLE_LABELS, isSafeguardingRole, type Role } from '@harbour/shared';

/** An account as GET /api/accounts lists it (modules/accounts/service.ts). */
export interface Account {
  id: string;
  username: string;
  person: { id: string; name: string; kind: string; yearGroup: string | null; leftAt: string | null } | null;
  roles: { role: Role; label: string }[];
  hasPassword: boolean;
  mustChangePassword: boolean;
  disabled: { at: string; reason: string | null } | null;
  totp: { required: boolean; enrolled: boolean; enrolledAt: string | null };
  locks: { scope: 'pair' | 'account'; address: string | null; until: string }[];
  lastSignInAt: string | null;
  pending: { id: string; kind: string; requestedAt: string; role?: Role }[];
}

export interface Approval {
  id: string;
  kind: 'password_reset' | 'totp_reset' | 'role_grant';
  label: string;
  role: { role: Role; label: string } | null;
  status: 'pending' | 'approved' | 'rejected';
  target: { accountId: string; username: string; name: string | null };
  requestedBy: string | null;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  canDecide: boolean;
  whyNot: string | null;
}

/** Roles an adult account may hold (staff, governors, trust); the safeguarding ones are granted only with approval (clarification 9). */
export const GRANTABLE_ROLES = ROLES.filter((r) => r !== 'pupil' && r !== 'parent' && r !== 'visitor').map(
  (r) => ({
    role: r,
    label: ROLE_LABELS[r],
    safeguarding: isSafeguardingRole(r),
  }),
);

export const PENDING_LABELS: Record<string, string> = {
  password_reset: 'password reset',
  totp_reset: 'two-factor reset',
  role_grant: 'role grant',
};
