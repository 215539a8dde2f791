import { Link } from 'react-router-dom';
import { PERMISSIONS, type Permission } from '@harbour/shared';
import { usePageTitle } from '../lib/forms';
import { useSession } from '../lib/session';

/** Where each permission is used in the web app, when it has a page of its own. */
const PAGES: Partial<Record<Permission, { to: string; label: string }[]>> = {
  'people.read': [
    { to: '/people', label: 'Find people in the register' },
    { to: '/people/leavers', label: 'See the leavers report' },
  ],
  'concerns.manage': [{ to: '/concerns/dashboard', label: 'See new and open concerns, and what is overdue' }],
  'concerns.record': [
    { to: '/concerns/new', label: 'Record an online-safety concern' },
    { to: '/concerns', label: 'See the concerns you reported' },
  ],
  'concerns.trends': [{ to: '/concerns/trends', label: 'See concern trends over a period' }],
  'concerns.tell': [{ to: '/worried', label: 'I’m worried about something: tell a grown-up' }],
  'people.write': [{ to: '/people/new', label: 'Add a person' }],
  'people.import': [{ to: '/people/import', label: 'Import people from your MIS' }],
  'filtering.read': [{ to: '/filtering', label: 'See the filtering policy and self-tests' }],
  'filtering.propose': [{ to: '/filtering/changes/new', label: 'Propose a filtering change' }],
  'filtering.reports': [{ to: '/filtering/reports', label: 'Work the block-page reports queue' }],
  'monitoring.read': [{ to: '/monitoring', label: 'Triage monitoring alerts' }],
  'monitoring.sources': [{ to: '/monitoring/sources', label: 'Issue and revoke monitoring source tokens' }],
  'audit.read': [{ to: '/audit', label: 'Browse the audit trail' }],
  'compliance.read': [{ to: '/compliance', label: 'See the compliance dashboard and self-review' }],
  'agreements.sign': [{ to: '/aup', label: 'Read and sign the acceptable-use agreement' }],
  'phones.record': [{ to: '/phones', label: 'Keep the phone register' }],
  'consents.read': [{ to: '/consents', label: 'Check or record image consents' }],
  'risk.read': [{ to: '/risk', label: 'See technology risk assessments' }],
  'policy.read': [{ to: '/policy', label: 'Read the online-safety policy' }],
  'accounts.admin': [{ to: '/accounts', label: 'Manage accounts, invitations and sign-in locks' }],
  'accounts.approve': [{ to: '/approvals', label: 'Approve resets and safeguarding roles' }],
};

/** Shows the signed-in person what they can do here, from their permissions. */
export function Home() {
  usePageTitle('Home');
  const { state } = useSession();
  const session = !state.loading ? state.session : null;
  if (!session) return null;
  const mine = session.permissions.filter((p): p is Permission => p in PERMISSIONS);
  const links = mine.flatMap((p) => PAGES[p] ?? []);
  return (
    <section>
      <h1>Welcome, {session.username}</h1>
      <p>
        You are signed in at {session.school?.name ?? 'no school'} as{' '}
        {session.roles.map((r) => r.label).join(', ') || 'a user with no role'}.
      </p>
      {links.length > 0 && (
        <>
          <h2>Go to</h2>
          <ul className="tiles">
            {links.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>{l.label}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>What you can do</h2>
      {mine.length === 0 ? (
        <p>
          Your roles give you nothing to do in Harbour yet. Ask your school’s administrator if that is wrong.
        </p>
      ) : (
        <ul>
          {mine.map((p) => (
            <li key={p}>{PERMISSIONS[p].description}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
