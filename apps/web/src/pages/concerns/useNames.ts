import { useEffect, useState } from 'react';
import { get } from '../../lib/api';
import type { Person } from '../../lib/people';

/** Names of the school's staff by person id, for assignees and custody (the people register). */
export function useStaffNames(enabled: boolean) {
  const [staff, setStaff] = useState<Person[]>([]);
  useEffect(() => {
    if (!enabled) return;
    get<{ people: Person[] }>('/api/people?kind=staff&limit=200')
      .then((r) => setStaff(r.people))
      .catch(() => setStaff([]));
  }, [enabled]);
  const name = (id: string | null) =>
    id ? (staff.find((p) => p.id === id)?.name ?? 'a member of staff') : '';
  return { staff, name };
}

/** Account names from the concern's own audit trail ("who viewed"), which every change to it is written to. */
export function accountNamer(
  entries: { actorAccountId: string | null; username: string | null }[],
  me: string,
) {
  const map = new Map(
    entries.filter((e) => e.actorAccountId).map((e) => [e.actorAccountId!, e.username ?? '']),
  );
  return (id: string | null) => (!id ? '' : id === me ? 'you' : map.get(id) || 'a member of staff');
}
