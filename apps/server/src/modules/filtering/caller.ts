import type { Scope } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Actor } from '../auth/sessions.js';

/** Who is asking, in which school, from where: what every filtering service function takes. */
export interface Caller {
  ctx: AppContext;
  actor: Actor & { schoolId: string };
  scopes: Scope[];
  ip: string | null;
}
