import { permissionsFor, ROLE_LABELS, rolesNeedTotp } from '@harbour/shared';
import { PASSWORD_RULES, type PasswordRule } from './password-policy.js';
import type { Actor } from './sessions.js';

export function presentSession(
  actor: Actor,
  schools: { id: string; name: string }[],
  passwordRule: PasswordRule,
) {
  return {
    signedIn: true as const,
    username: actor.username,
    accountId: actor.accountId,
    personId: actor.personId,
    state: actor.state,
    csrfToken: actor.csrfToken,
    idleMinutes: actor.idleMinutes,
    totpEnrolled: actor.totpEnrolled,
    totpRequired: rolesNeedTotp(actor.roles),
    passwordRule: { kind: passwordRule, ...PASSWORD_RULES[passwordRule] },
    school: schools.find((s) => s.id === actor.schoolId) ?? null,
    schools,
    roles: actor.roles.map((r) => ({ role: r, label: ROLE_LABELS[r] })),
    permissions: actor.state === 'active' ? permissionsFor(actor.roles) : [],
  };
}
