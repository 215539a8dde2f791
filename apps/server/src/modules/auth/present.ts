import { permissionsFor, ROLE_LABELS } from '@harbour/shared';
import type { Actor } from './sessions.js';

export function presentSession(actor: Actor, schools: { id: string; name: string }[]) {
  return {
    signedIn: true as const,
    username: actor.username,
    accountId: actor.accountId,
    personId: actor.personId,
    state: actor.state,
    csrfToken: actor.csrfToken,
    idleMinutes: actor.idleMinutes,
    totpEnrolled: actor.totpEnrolled,
    school: schools.find((s) => s.id === actor.schoolId) ?? null,
    schools,
    roles: actor.roles.map((r) => ({ role: r, label: ROLE_LABELS[r] })),
    permissions: actor.state === 'active' ? permissionsFor(actor.roles) : [],
  };
}
