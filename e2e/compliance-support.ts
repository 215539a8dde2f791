/** What the compliance browser tests share (issue 5): pages signed in once per user, names of people. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, signIn, signInAs, type Harbour } from './harness.js';

// Text can change just after an action: poll it (up to 10 s on a loaded machine) rather than read it once.
export const POLL = { timeout: 10_000 };

export interface CompliancePages {
  /** A page signed in as the user: a verified session made on the server, or through the sign-in page. */
  as: (username: string, how?: 'server' | 'page') => Promise<Page>;
  /** "Given Family" for a person's id. */
  nameOf: (personId: string) => Promise<string>;
  /** Pupils of a year group with each parent or carer who holds parental responsibility and may be contacted. */
  responsibleParents: (year: string) => Promise<ResponsibleParent[]>;
}
export interface ResponsibleParent {
  pupilId: string;
  upn: string | null;
  parent: string;
  email: string | null;
}

export function compliancePages(harbour: () => Harbour): CompliancePages {
  const pages: Record<string, Page> = {};
  return {
    as: async (username, how = 'server') => {
      if (pages[username]) return pages[username];
      const h = harbour();
      const context = await h.newContext();
      if (how === 'server') await signInAs(h, context, username);
      const page = await context.newPage();
      if (how === 'page') await signIn(page, { username, password: DEMO_PASSWORD });
      pages[username] = page;
      return page;
    },
    nameOf: async (personId) => {
      const p = await harbour()
        .ctx.db.selectFrom('people')
        .select(['given_name', 'family_name'])
        .where('id', '=', personId)
        .executeTakeFirstOrThrow();
      return `${p.given_name} ${p.family_name}`;
    },
    responsibleParents: async (year) => {
      const rows = await harbour()
        .ctx.db.selectFrom('parent_links')
        .innerJoin('people as pupil', 'pupil.id', 'parent_links.pupil_id')
        .innerJoin('people as parent', 'parent.id', 'parent_links.parent_id')
        .select([
          'pupil.id as pupilId',
          'pupil.upn',
          'parent.given_name',
          'parent.family_name',
          'parent.email',
        ])
        .where('pupil.year_group', '=', year)
        .where('parent_links.parental_responsibility', '=', 1)
        .where('parent_links.no_contact', '=', 0)
        .orderBy('pupil.id')
        .orderBy('parent.id')
        .execute();
      return rows.map((r) => ({
        pupilId: r.pupilId,
        upn: r.upn,
        parent: `${r.given_name} ${r.family_name}`,
        email: r.email,
      }));
    },
  };
}
