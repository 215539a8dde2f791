import { describe, expect, it } from 'vitest';
import { ROLES, SAFEGUARDING_ROLES } from './roles.js';
import {
  isSafeguardingRole,
  permissionsFor,
  readsSafeguardingData,
  roleNeedsTotp,
  rolesNeedTotp,
  scopesFor,
} from './permission-checks.js';

describe('permission table', () => {
  it('requires TOTP of the safeguarding team and administrators, not of teachers or pupils', () => {
    const needs = ROLES.filter(roleNeedsTotp);
    expect(needs).toEqual(expect.arrayContaining(['headteacher', 'dsl', 'deputy_dsl', 'system_admin']));
    expect(needs).not.toContain('teacher');
    expect(needs).not.toContain('pupil');
  });
  it('lets a deny rule beat a grant from another role', () => {
    expect(scopesFor(['dsl'], 'safeguarding.read')).toEqual(['school']);
    expect(scopesFor(['dsl', 'governor'], 'safeguarding.read')).toEqual([]);
  });
  it('gives the broadest scope first when roles combine', () => {
    expect(scopesFor(['parent', 'teacher'], 'people.read')).toEqual(['school', 'my_children']);
  });
  it('answers a role set the same in any order, and its kept answers cannot be changed', () => {
    expect(scopesFor(['teacher', 'parent'], 'people.read')).toEqual(['school', 'my_children']);
    expect(scopesFor(['teacher', 'governor'], 'people.vulnerability')).toEqual([]);
    expect(scopesFor(['governor', 'teacher'], 'people.vulnerability')).toEqual([]);
    expect(() => scopesFor(['dsl'], 'safeguarding.read').push('own')).toThrow(TypeError);
    expect(scopesFor(['dsl'], 'safeguarding.read')).toEqual(['school']);
    expect(permissionsFor(['teacher', 'parent'])).toEqual(permissionsFor(['parent', 'teacher']));
  });
});

describe('the trust or local-authority officer (clarifications 4 and 13)', () => {
  it('reads filtering and proposes and approves baseline changes, and nothing about pupils or concerns', () => {
    expect(permissionsFor(['trust_officer'])).toEqual([
      'filtering.read',
      'filtering.propose',
      'filtering.approve',
      'concerns.agencies_trust',
    ]);
    expect(roleNeedsTotp('trust_officer')).toBe(true);
    expect(readsSafeguardingData(['trust_officer'])).toBe(false);
    expect(isSafeguardingRole('trust_officer')).toBe(false);
  });
  it('takes nothing away from a school role the same person holds (no deny rules)', () => {
    expect(scopesFor(['trust_officer', 'dsl'], 'concerns.read')).toEqual(['school']);
  });
});

describe('safeguarding roles and TOTP, derived from the table (clarification 9)', () => {
  it('derives exactly the listed safeguarding roles', () => {
    expect(ROLES.filter(isSafeguardingRole)).toEqual([...SAFEGUARDING_ROLES]);
  });
  it('gives the short idle lock to readers of safeguarding data only', () => {
    expect(readsSafeguardingData(['dsl'])).toBe(true);
    expect(readsSafeguardingData(['leadership'])).toBe(true);
    expect(readsSafeguardingData(['teacher'])).toBe(false);
    expect(readsSafeguardingData(['system_admin'])).toBe(false);
    expect(rolesNeedTotp(['system_admin'])).toBe(true);
  });
});
