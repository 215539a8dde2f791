import { describe, expect, it } from 'vitest';
import {
  CONCERN_CATEGORIES,
  CONCERN_CATEGORY_INFO,
  isImageryCategory,
  isStaffAllegation,
} from './concerns.js';
import { roleNeedsTotp, scopesFor } from './permission-checks.js';

describe('concern permissions and categories (issue 3)', () => {
  it('lets every member of staff report and read their own, the DSL team all, pupils only tell', () => {
    for (const r of ['teacher', 'support_staff', 'technical_staff', 'volunteer', 'leadership'] as const) {
      expect(scopesFor([r], 'concerns.record'), r).toEqual(['own']);
      expect(scopesFor([r], 'concerns.read'), r).toEqual(['own']);
      expect(scopesFor([r], 'concerns.manage'), r).toEqual([]);
    }
    for (const r of ['dsl', 'deputy_dsl', 'headteacher'] as const)
      expect(scopesFor([r], 'concerns.manage'), r).toEqual(['school']);
    expect(scopesFor(['pupil'], 'concerns.tell')).toEqual(['self']);
    expect(scopesFor(['pupil', 'teacher'], 'concerns.read')).toEqual([]);
    expect(scopesFor(['governor'], 'concerns.read')).toEqual([]);
    expect(scopesFor(['chair_of_governors'], 'concerns.read')).toEqual(['named']);
    // Only DSLs record viewing suspected imagery; only the head (or chair) names viewers of an allegation.
    expect(scopesFor(['headteacher'], 'concerns.imagery')).toEqual([]);
    expect(scopesFor(['dsl'], 'concerns.restricted')).toEqual([]);
    // Reporting brings no second factor with it.
    expect(roleNeedsTotp('teacher')).toBe(false);
    expect(roleNeedsTotp('volunteer')).toBe(false);
  });

  it('knows the imagery categories and the staff allegations', () => {
    expect(CONCERN_CATEGORIES.filter(isImageryCategory)).toEqual(['youth_sexual_imagery', 'indecent_images']);
    expect(Object.keys(CONCERN_CATEGORY_INFO.indecent_images.subtypes!)).toHaveLength(3);
    expect(isStaffAllegation('indecent_images', 'staff_possession')).toBe(true);
    expect(isStaffAllegation('indecent_images', 'school_device')).toBe(false);
    expect(isStaffAllegation('staff_allegation', null)).toBe(true);
  });
});
