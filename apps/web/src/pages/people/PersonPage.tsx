import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, get } from '../../lib/api';
import { usePageTitle } from '../../lib/forms';
import {
  KIND_LABELS,
  formatDay,
  formatInstant,
  leaverStatus,
  yearAndStage,
  type ParentLink,
  type Person,
} from '../../lib/people';
import { useSession } from '../../lib/session';
import { InvitePanel } from '../accounts/InvitePanel';
import { LeaverForm } from './LeaverForm';
import { LinkParentForm } from './LinkParentForm';

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/** One person's record (policy 5.3, 2.4, 2.5): details, key stage, parent links; flags for those allowed. */
export function PersonPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const saved = (location.state as { saved?: string } | null)?.saved;
  const { can } = useSession();
  const [data, setData] = useState<{ person: Person; links: ParentLink[] } | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  usePageTitle(data ? data.person.name : 'Person');

  const load = useCallback(async () => {
    try {
      setData(await get<{ person: Person; links: ParentLink[] }>(`/api/people/${encodeURIComponent(id)}`));
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404 ? 'No such person' : 'Could not load this person',
      );
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (error)
    return (
      <section>
        <h1>{error}</h1>
        <Link to="/people">Back to people</Link>
      </section>
    );
  if (!data) return <p aria-live="polite">Loading…</p>;
  const p = data.person;
  const left = !!p.leftAt && new Date(p.leftAt) <= new Date();
  const rows: [string, string][] = [
    ['Kind', KIND_LABELS[p.kind]],
    ['Full name', `${p.givenName} ${p.familyName}`],
    ['Preferred name', p.preferredName ?? ''],
    ['Year group', yearAndStage(p)],
    ['Class', p.className ?? ''],
    ['Date of birth', formatDay(p.dateOfBirth)],
    ['UPN', p.upn ?? ''],
    ['MIS id', p.misId ?? ''],
    ['Job title', p.jobTitle ?? ''],
    ['Email', p.email ?? ''],
    ['Phone', p.phone ?? ''],
    ['Start date', formatDay(p.startDate)],
    ['Access ends', formatInstant(p.accessEndsAt)],
    ['Status', leaverStatus(p)],
    ['Access ended', p.leftAt ? formatInstant(p.leftAt) : ''],
    ['Harbour account', p.hasAccount ? 'Yes' : 'None'],
  ];
  const otherSide = (l: ParentLink) =>
    l.pupilId === p.id ? { id: l.parentId, name: l.parentName } : { id: l.pupilId, name: l.pupilName };
  return (
    <section>
      <p>
        <Link to="/people">Back to people</Link>
      </p>
      <h1>{p.name}</h1>
      <div role="status">
        {(notice || saved) && (
          <p className="ok">{notice || (saved === 'added' ? 'Added to the register.' : 'Changes saved.')}</p>
        )}
      </div>
      {can('people.write') && !left && (
        <p>
          <Link to={`/people/${p.id}/edit`}>Edit details</Link>
        </p>
      )}
      {p.kind === 'pupil' && can('concerns.manage') && (
        <p>
          <Link to={`/people/${p.id}/chronology`}>Concerns chronology</Link>
        </p>
      )}
      <h2>Details</h2>
      <dl className="details">
        {rows
          .filter(([, v]) => v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      {p.vulnerability && (
        <>
          <h2>Vulnerability</h2>
          <p className="hint">Seen only by the safeguarding team and leadership; each view is recorded.</p>
          <dl className="details">
            <div>
              <dt>SEND</dt>
              <dd>{yesNo(p.vulnerability.send)}</dd>
            </div>
            <div>
              <dt>Looked after</dt>
              <dd>{yesNo(p.vulnerability.lookedAfter)}</dd>
            </div>
            <div>
              <dt>Other vulnerability</dt>
              <dd>{yesNo(p.vulnerability.otherVulnerability)}</dd>
            </div>
          </dl>
        </>
      )}
      {(p.kind === 'pupil' || p.kind === 'parent') && (
        <>
          <h2>{p.kind === 'pupil' ? 'Parents and carers' : 'Children'}</h2>
          {data.links.length === 0 ? (
            <p>None recorded.</p>
          ) : (
            <ul className="links">
              {data.links.map((l) => {
                const other = otherSide(l);
                return (
                  <li key={l.id}>
                    <Link to={`/people/${other.id}`}>{other.name}</Link> ({l.relationship})
                    {l.parentalResponsibility ? ', parental responsibility' : ''}
                    {l.noContact && <strong className="error">, no contact</strong>}
                  </li>
                );
              })}
            </ul>
          )}
          {p.kind === 'pupil' && can('people.write') && !left && (
            <LinkParentForm pupilId={p.id} onLinked={load} />
          )}
        </>
      )}
      {can('accounts.admin') && !left && !p.hasAccount && (p.kind !== 'pupil' || p.keyStage === 'KS2') && (
        <InvitePanel personId={p.id} kind={p.kind} name={p.name} />
      )}
      {can('people.write') && !left && (
        <LeaverForm
          person={p}
          onDone={async (n) => {
            setNotice(n);
            await load();
          }}
        />
      )}
    </section>
  );
}
