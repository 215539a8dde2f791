import { Link, useParams } from 'react-router-dom';
import { CONCERN_SANCTIONS } from '@harbour/shared';
import { ErrorMessage } from '../../components/DataTable';
import { AGENCY_KIND_LABELS, METHOD_LABELS, categoryLabel } from '../../lib/concerns';
import { useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ConcernsNav } from './ConcernsNav';

interface Entry {
  at: string;
  kind: string;
  concernId: string;
  category: string;
  text: string | null;
  by: string | null;
  /** The name of the member of staff who did it (null for anyone else, e.g. a pupil). */
  byName: string | null;
}
interface Data {
  pupil: { id: string; name: string; yearGroup: string | null; className: string | null };
  entries: Entry[];
}

const KIND_LABELS: Record<string, string> = {
  concern: 'Concern',
  addition: 'Addition',
  note: 'DSL note',
  step: 'Step done',
  step_not_applicable: 'Step not applicable',
  action: 'Action set',
  action_done: 'Action done',
  referral: 'Referral',
  referral_response: 'Agency reply',
  no_referral: 'Decision not to refer',
  custody_secured: 'Device secured',
  custody_handed_over: 'Device handed over',
  custody_returned: 'Device returned',
  status_new: 'Recorded',
  status_open: 'Opened',
  status_closed: 'Closed',
  parents_informed: 'Parents informed',
  parents_not_informed: 'Parents not informed',
  sanction: 'Sanction',
};

/** The entry's text in words: codes the server keeps (methods, sanctions, agency kinds) shown as labels. */
function words(e: Entry): string {
  const t = e.text ?? '';
  if (e.kind === 'parents_informed') return METHOD_LABELS[t] ?? t;
  if (e.kind === 'sanction') return CONCERN_SANCTIONS[t as keyof typeof CONCERN_SANCTIONS] ?? t;
  if (e.kind === 'no_referral') {
    const [kind, ...rest] = t.split(': ');
    return `${AGENCY_KIND_LABELS[kind as keyof typeof AGENCY_KIND_LABELS] ?? kind}: ${rest.join(': ')}`;
  }
  return t;
}

/** A pupil's chronology (issue 3): every concern and everything recorded on it, in event-date order; printable. */
export function Chronology() {
  const { id = '' } = useParams();
  const { state } = useSession();
  const me = !state.loading && state.session ? state.session.accountId : '';
  const { data, error } = useApi<Data>(`/api/people/${encodeURIComponent(id)}/chronology`);
  usePageTitle(data ? `Chronology: ${data.pupil.name}` : 'Chronology');
  if (!data)
    return (
      <section>
        <h1>Chronology</h1>
        <ErrorMessage text={error} />
      </section>
    );
  return (
    <section className="chronology">
      <h1>Chronology: {data.pupil.name}</h1>
      <div className="no-print">
        <ConcernsNav />
        <ul className="actions">
          <li>
            <Link to={`/people/${data.pupil.id}`}>Their record</Link>
          </li>
          <li>
            <a href={`/api/people/${data.pupil.id}/chronology?format=pdf`} download>
              Download as PDF
            </a>
          </li>
          <li>
            <button type="button" onClick={() => window.print()}>
              Print the chronology
            </button>
          </li>
        </ul>
      </div>
      <p>
        {data.pupil.className ? `Class ${data.pupil.className}. ` : ''}
        {data.entries.length} entries, in the order things happened. Printed or not, it is confidential.
      </p>
      {data.entries.length === 0 ? (
        <p>No concerns about this pupil that you hold.</p>
      ) : (
        <ol className="history" aria-label="Chronology">
          {data.entries.map((e, i) => (
            <li key={`${e.at}-${e.kind}-${i}`}>
              <p>
                <strong>{formatInstant(e.at)}</strong>, {KIND_LABELS[e.kind] ?? e.kind.replace(/_/g, ' ')} (
                <Link to={`/concerns/${e.concernId}`}>{categoryLabel(e.category)}</Link>)
                {e.by === me ? ', by you' : e.byName ? `, by ${e.byName}` : ''}
              </p>
              {e.text && <p className="pre">{words(e)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
