import { SectionNav } from '../../components/SectionNav';
import { useSession } from '../../lib/session';

/** The compliance section's own navigation, shown at the top of each of its pages (issue 5). */
export function ComplianceNav() {
  const { can } = useSession();
  const links = [
    { to: '/compliance', label: 'Dashboard', show: can('compliance.read'), end: true },
    { to: '/compliance/checklists', label: 'DfE and UKSIC checklists', show: can('compliance.read') },
    { to: '/compliance/reviews', label: 'Self-review', show: can('compliance.read') },
    { to: '/compliance/governor-report', label: 'Governor report', show: can('reports.governor') },
    { to: '/aup', label: 'Acceptable use', show: can('agreements.sign') },
    { to: '/phones', label: 'Phones', show: can('phones.record') },
    { to: '/training', label: 'Training', show: can('training.read') },
    { to: '/access', label: 'Access register', show: can('access.read') },
    { to: '/devices', label: 'Devices', show: can('devices.read') },
    { to: '/consents', label: 'Image consents', show: can('consents.read') },
    { to: '/risk', label: 'Risk assessments', show: can('risk.read') },
    { to: '/policy', label: 'Policy', show: can('policy.read') },
  ];
  return <SectionNav label="Compliance" links={links} />;
}

/** Whether the person has any compliance page at all (for the main navigation). */
export function useHasCompliance(): boolean {
  const { can } = useSession();
  return [
    'compliance.read',
    'agreements.sign',
    'phones.record',
    'consents.read',
    'risk.read',
    'policy.read',
  ].some((p) => can(p));
}

/** The first compliance page the person may open: where the main navigation's link goes. */
export function useComplianceHome(): string {
  const { can } = useSession();
  if (can('compliance.read')) return '/compliance';
  if (can('agreements.sign')) return '/aup';
  if (can('consents.read')) return '/consents';
  return '/policy';
}
