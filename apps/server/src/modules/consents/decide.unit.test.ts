import { describe, expect, it } from 'vitest';
import type { ImageConsentTable } from '../../db/schema-compliance.js';
import { decideChannel } from './decide.js';

const entry = (p: Partial<ImageConsentTable>): ImageConsentTable => ({
  id: Math.random().toString(36),
  school_id: 's',
  pupil_id: 'p',
  channel: 'website',
  decision: 'given',
  parent_id: 'mum',
  decided_on: '2026-09-01',
  recorded_at: '2026-09-01T10:00:00Z',
  recorded_by: null,
  source: 'app',
  note: null,
  ...p,
});

describe('may I publish this pupil? (clarification 16)', () => {
  it('says no when there is no consent', () => {
    expect(decideChannel([], 'website')).toMatchObject({ allowed: false, reason: 'no_consent' });
    expect(decideChannel([entry({ channel: 'press' })], 'website').allowed).toBe(false);
  });
  it('says yes when a parent has given consent for that channel', () => {
    expect(decideChannel([entry({})], 'website')).toMatchObject({ allowed: true, parentId: 'mum' });
  });
  it('lets one parent’s withdrawal win over the other’s consent', () => {
    const r = decideChannel(
      [entry({}), entry({ parent_id: 'dad', decision: 'withdrawn', decided_on: '2026-08-01' })],
      'website',
    );
    expect(r).toMatchObject({ allowed: false, reason: 'withdrawn', parentId: 'dad' });
  });
  it('counts each parent’s latest decision, by the date on it', () => {
    const withdrawn = entry({
      decision: 'withdrawn',
      decided_on: '2026-10-01',
      recorded_at: '2026-10-01T09:00:00Z',
    });
    const regiven = entry({ decided_on: '2026-11-01', recorded_at: '2026-11-01T09:00:00Z' });
    expect(decideChannel([withdrawn, regiven], 'website').allowed).toBe(true);
    // An old paper form imported later does not undo a newer withdrawal.
    const oldForm = entry({ decided_on: '2026-01-01', recorded_at: '2026-11-20T09:00:00Z' });
    expect(decideChannel([withdrawn, oldForm], 'website').allowed).toBe(false);
  });
});
