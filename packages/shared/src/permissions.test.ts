import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.js';
import { roleNeedsTotp, scopesFor } from './permissions.js';

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
});
