import { describe, expect, it } from 'vitest';
import { namePeople, type PersonRef } from './ingest-rows.js';

describe('naming the people of checked events', () => {
  it('gives every event its person as a copy of one shape, whatever the lookup rows look like', () => {
    const at = new Date().toISOString();
    // A database row with columns in another order and one more, and a structured clone's plain object.
    const row = { year_group: 3, kind: 'pupil', id: 'p1', email: 'a@example.org' } as unknown as PersonRef;
    const cloned = structuredClone({ id: 'p2', kind: 'staff', year_group: null }) as PersonRef;
    const events = namePeople(
      [
        { index: 0, e: { id: 'e1', time: at, kind: 'search', text: 'a', personId: 'p1' } },
        { index: 1, e: { id: 'e2', time: at, kind: 'search', text: 'b', user: 'B@School' } },
      ],
      new Map([['p1', row]]),
      new Map([['b@school', cloned]]),
      [],
    );
    expect(events.map((e) => e.person)).toEqual([
      { id: 'p1', kind: 'pupil', year_group: 3 },
      { id: 'p2', kind: 'staff', year_group: null },
    ]);
    expect(events.map((e) => Object.keys(e.person!))).toEqual([
      ['id', 'kind', 'year_group'],
      ['id', 'kind', 'year_group'],
    ]);
    expect(events[0]!.person).not.toBe(row);
  });
});
