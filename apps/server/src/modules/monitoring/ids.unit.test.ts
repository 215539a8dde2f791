import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './ingest.js';

describe('time-ordered event ids (UUID version 7)', () => {
  it('are valid version-7 UUIDs in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 600 }, (_, i) => timeOrderedId(1_764_640_000_000 + Math.floor(i / 300)));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
