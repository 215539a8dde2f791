/** Roles a person's account can hold in a school or organisation (product brief, "Who uses it"; clarification 4). */
export const ROLES = [
  'headteacher',
  'dsl',
  'deputy_dsl',
  'online_safety_lead',
  'leadership',
  'governor',
  'chair_of_governors',
  'teacher',
  'support_staff',
  'technical_staff',
  'volunteer',
  'pupil',
  'parent',
  'visitor',
  'trust_officer',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  headteacher: 'Headteacher',
  dsl: 'Designated Safeguarding Lead',
  deputy_dsl: 'Deputy DSL',
  online_safety_lead: 'Online-safety lead',
  leadership: 'Leadership team',
  governor: 'Governor',
  chair_of_governors: 'Chair of governors',
  teacher: 'Teacher',
  support_staff: 'Support staff',
  technical_staff: 'Technical staff / IT provider',
  volunteer: 'Volunteer or contractor',
  pupil: 'Pupil',
  parent: 'Parent or carer',
  visitor: 'Visitor',
  trust_officer: 'Trust or local-authority officer',
  system_admin: 'System administrator',
};

/** Roles held at organisation level (trust / local authority) rather than in one school. */
export const ORGANISATION_ROLES: readonly Role[] = ['trust_officer'];

/** Roles that make someone part of the safeguarding team (clarification 9: granting these needs approval). */
export const SAFEGUARDING_ROLES: readonly Role[] = ['headteacher', 'dsl', 'deputy_dsl'];

/** Staff roles: may record concerns (issue 3) and search pupils. */
export const STAFF_ROLES: readonly Role[] = [
  'headteacher',
  'dsl',
  'deputy_dsl',
  'online_safety_lead',
  'leadership',
  'teacher',
  'support_staff',
  'technical_staff',
  'volunteer',
  'system_admin',
];
