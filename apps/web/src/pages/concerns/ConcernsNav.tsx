import './concerns.css';
import { SectionNav } from '../../components/SectionNav';
import { useSession } from '../../lib/session';

/** The concerns section's own navigation (issue 3), shown at the top of its pages. */
export function ConcernsNav() {
  const { can } = useSession();
  const links = [
    { to: '/concerns/dashboard', label: 'Dashboard', show: can('concerns.manage') },
    { to: '/concerns/new', label: 'Record a concern', show: can('concerns.record') },
    {
      to: '/concerns',
      label: can('concerns.manage') ? 'All concerns' : 'My reports',
      show: can('concerns.read'),
      end: true,
    },
    { to: '/concerns/trends', label: 'Trends', show: can('concerns.trends') },
    { to: '/concerns/agencies', label: 'Agencies', show: can('concerns.agencies') },
    {
      to: '/concerns/trust-agencies',
      label: 'Local authority agencies',
      show: can('concerns.agencies_trust'),
    },
    { to: '/concerns/retention', label: 'Retention review', show: can('concerns.retention') },
  ];
  return <SectionNav label="Concerns" links={links} />;
}

/** Where the main navigation's "Concerns" link goes, or null when the person has no concerns page. */
export function useConcernsHome(): string | null {
  const { can } = useSession();
  if (can('concerns.manage')) return '/concerns/dashboard';
  if (can('concerns.record')) return '/concerns';
  if (can('concerns.trends')) return '/concerns/trends';
  if (can('concerns.agencies_trust')) return '/concerns/trust-agencies';
  return null;
}
