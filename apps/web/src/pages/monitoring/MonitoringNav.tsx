import { SectionNav } from '../../components/SectionNav';
import { useSession } from '../../lib/session';

/** The monitoring section's own navigation (issue 6), shown at the top of each of its pages. */
export function MonitoringNav() {
  const { can } = useSession();
  const links = [
    { to: '/monitoring', label: 'Alerts', show: can('monitoring.read'), end: true },
    { to: '/monitoring/library', label: 'Phrase library', show: can('monitoring.library') },
    { to: '/monitoring/import', label: 'Import a search log', show: can('monitoring.import') },
    { to: '/monitoring/sources', label: 'Sources and tokens', show: can('monitoring.sources') },
  ].filter((l) => l.show);
  if (links.length < 2) return null;
  return <SectionNav label="Monitoring" links={links} />;
}

export interface AlertSubject {
  kind: 'person' | 'device' | 'client';
  personId: string | null;
  name: string | null;
  personKind: string | null;
  yearGroup: string | null;
  className: string | null;
  device: string | null;
  client: string | null;
}

export interface AlertSummary {
  id: string;
  origin: 'classifier' | 'resolver';
  category: string;
  categoryLabel: string;
  severity: number;
  eventCount: number;
  firstAt: string;
  lastAt: string;
  status: 'open' | 'watching' | 'false_positive' | 'escalated';
  restricted: boolean;
  priority: number;
  concernId: string | null;
  subject: AlertSubject;
}

export const STATUS_LABELS: Record<AlertSummary['status'], string> = {
  open: 'Open',
  watching: 'Watching',
  false_positive: 'False positive',
  escalated: 'Escalated to a concern',
};

export const SEVERITY_WORDS = ['', 'Logged only', 'Low', 'Mild', 'Moderate', 'Serious'];

/** "Ada Lovelace (Year 5, Beech)", "Device IPAD-07 at 10.1.2.3", "Address 10.20.0.5". */
export function subjectText(s: AlertSubject): string {
  if (s.kind === 'person') {
    const where = [s.yearGroup ? `Year ${s.yearGroup}` : '', s.className ?? ''].filter(Boolean).join(', ');
    const staff = s.personKind === 'staff' ? 'staff' : '';
    const extra = [where, staff].filter(Boolean).join(', ');
    return `${s.name ?? 'Unknown person'}${extra ? ` (${extra})` : ''}`;
  }
  if (s.kind === 'device') return `Device ${s.device ?? ''}${s.client ? ` at ${s.client}` : ''}`;
  return `Address ${s.client ?? 'unknown'}`;
}
