import { pupilAudience, type AupAudience, type YearGroup } from '@harbour/shared';
import type { PersonTable } from '../../db/schema.js';

/** The agreement a person signs to be given access (policy 5.3): by kind, and for pupils by key stage. */
export function primaryAudience(p: Pick<PersonTable, 'kind' | 'year_group'>): AupAudience {
  if (p.kind === 'pupil') return pupilAudience((p.year_group ?? '6') as YearGroup);
  return p.kind;
}
