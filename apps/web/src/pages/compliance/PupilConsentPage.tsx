import { Link, useParams } from 'react-router-dom';
import { usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';
import { PupilConsent } from './PupilConsent';

/**
 * One pupil's image consents at their own address (`/consents/pupils/:id`): where a withdrawal notice to the
 * staff who publish leads, and where a parent opens their child's.
 */
export function PupilConsentPage() {
  usePageTitle('A pupil’s image consents');
  const { id = '' } = useParams();
  const { state, can } = useSession();
  const isParent = !state.loading && !!state.session?.roles.some((r) => r.role === 'parent');
  return (
    <section>
      <h1>A pupil’s image consents</h1>
      <ComplianceNav />
      <p>
        <Link to="/consents">Back to image consents</Link>
      </p>
      {!state.loading && (
        <PupilConsent pupilId={id} asParent={isParent} readOnly={!isParent && !can('consents.record')} />
      )}
    </section>
  );
}
