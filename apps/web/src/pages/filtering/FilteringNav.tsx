import { SectionNav } from '../../components/SectionNav';
import { useSession } from '../../lib/session';

/** The filtering section's own navigation, shown at the top of each of its pages. */
export function FilteringNav() {
  const { can, state } = useSession();
  const trustOfficer = !state.loading && !!state.session?.roles.some((r) => r.role === 'trust_officer');
  const links = [
    { to: '/filtering', label: 'Overview', show: true, end: true },
    { to: '/filtering/lists', label: 'Lists and entries', show: true },
    { to: '/filtering/changes', label: 'Change requests', show: true },
    { to: '/filtering/baseline', label: 'Trust baseline', show: trustOfficer },
    { to: '/filtering/unblock', label: 'Emergency unblock', show: can('filtering.emergency') },
    { to: '/filtering/reports', label: 'Reports queue', show: can('filtering.reports') },
    { to: '/filtering/self-test', label: 'Self-test', show: true },
    { to: '/filtering/query-log', label: 'Query log', show: can('filtering.querylog') },
    { to: '/filtering/nodes', label: 'Resolver nodes', show: can('filtering.nodes') },
  ];
  return <SectionNav label="Filtering" links={links} />;
}
