import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isImageryCategory } from '@harbour/shared';
import { ErrorMessage } from '../../components/DataTable';
import { ApiError, get } from '../../lib/api';
import {
  FIELD_LABELS,
  STATUS_LABELS,
  categoryText,
  sizeText,
  subtypeLabel,
  type ConcernDetail,
} from '../../lib/concerns';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ConcernsNav } from './ConcernsNav';
import { ReporterForms } from './ReporterForms';
import { TeamPanels } from './TeamPanels';
import { accountNamer, useStaffNames } from './useNames';
import { ViewsPanel, type ViewEntry } from './ViewsPanel';
import { MyActions } from './MyActions';
import { NamedViewers } from './NamedViewers';

/**
 * One concern. The reporter sees their submission, additions, status and actions assigned to them
 * (clarification 7); the DSL team the whole file, with the playbook and the response (TeamPanels).
 */
export function ConcernPage() {
  const { id = '' } = useParams();
  const { state } = useSession();
  const me = !state.loading && state.session ? state.session.accountId : '';
  const [c, setC] = useState<ConcernDetail | null>(null);
  const [views, setViews] = useState<ViewEntry[]>([]);
  const [error, setError] = useState('');
  const team = c?.access.level === 'team';
  const { staff, name: staffName } = useStaffNames(!!c);
  usePageTitle(c ? `Concern: ${c.categoryLabel}` : 'Concern');
  const load = useCallback(async () => {
    try {
      const res = await get<{ concern: ConcernDetail }>(`/api/concerns/${encodeURIComponent(id)}`);
      setC(res.concern);
      if (res.concern.access.canManage)
        setViews(
          (await get<{ entries: ViewEntry[] }>(`/api/concerns/${encodeURIComponent(id)}/views`)).entries,
        );
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 404 ? 'No such concern' : 'Could not load this concern',
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
        <ErrorMessage text={error === 'No such concern' ? '' : error} />
        <Link to="/concerns">Back to concerns</Link>
      </section>
    );
  if (!c) return <p aria-live="polite">Loading…</p>;
  const who = accountNamer(views, me);
  const imagery = isImageryCategory(c.category);
  const subject = c.pupils.find((p) => p.role === 'subject');
  const rows: [string, string][] = [
    ['Status', STATUS_LABELS[c.status]],
    ['Category', `${c.categoryLabel}${c.subtype ? `: ${subtypeLabel(c.category, c.subtype)}` : ''}`],
    ['Happened', formatInstant(c.occurredAt)],
    ['Recorded', `${formatInstant(c.recordedAt)}${team ? ` by ${who(c.reporterAccountId)}` : ''}`],
    ['Where', c.location ?? ''],
    ['DSL told in person', c.dslToldInPerson ? 'Yes' : 'No'],
  ];
  return (
    <section>
      <h1>
        Concern: {c.categoryLabel}
        {c.restricted ? ' (restricted record)' : ''}
      </h1>
      <ConcernsNav />
      {c.source === 'pupil' && <p className="hint">A pupil told us this through the “I’m worried” form.</p>}
      <dl className="details">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        {c.pupils.length > 0 && (
          <div>
            <dt>Pupils</dt>
            <dd>
              <ul className="plain">
                {c.pupils.map((p) => (
                  <li key={p.personId}>
                    {team ? <Link to={`/people/${p.personId}/chronology`}>{p.name}</Link> : p.name}
                    {p.className ? ` (${p.className})` : ''}
                    {p.role === 'subject' && c.pupils.length > 1 ? ': the concern is about them' : ''}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {c.adultDescription && (
          <div>
            <dt>The adult</dt>
            <dd className="pre">{c.adultDescription}</dd>
          </div>
        )}
        {team && c.staffSubjectPersonId && (
          <div>
            <dt>Member of staff it is about</dt>
            <dd>{staffName(c.staffSubjectPersonId)}</dd>
          </div>
        )}
        <div>
          <dt>What was seen or said</dt>
          <dd className="pre">{c.account}</dd>
        </div>
        {c.immediateAction && (
          <div>
            <dt>What was done at once</dt>
            <dd className="pre">{c.immediateAction}</dd>
          </div>
        )}
      </dl>
      {c.amendments.length > 0 && (
        <>
          <h2>Amendments</h2>
          <p className="hint">Nothing is edited in place: each amendment keeps the original text.</p>
          <ol className="history">
            {c.amendments.map((a) => (
              <li key={a.id}>
                <p>
                  <strong>{FIELD_LABELS[a.field] ?? a.field}</strong>, {formatInstant(a.amendedAt)}, by{' '}
                  {who(a.amendedBy)}. Reason: {a.reason}
                </p>
                <p className="pre">
                  <span className="label">Was: </span>
                  <del>{(a.field === 'category' ? categoryText(a.previous) : a.previous) ?? '(empty)'}</del>
                </p>
                <p className="pre">
                  <span className="label">Now: </span>
                  <ins>{(a.field === 'category' ? categoryText(a.text) : a.text) || '(empty)'}</ins>
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      {c.notes.length > 0 && (
        <>
          <h2>{team ? 'Additions and notes' : 'Your additions'}</h2>
          <ol className="history">
            {c.notes.map((n) => (
              <li key={n.id}>
                <p>
                  <strong>{n.kind === 'note' ? 'DSL note' : 'Addition'}</strong>, {formatInstant(n.eventAt)},
                  by {who(n.createdBy)}
                </p>
                <p className="pre">{n.text}</p>
              </li>
            ))}
          </ol>
        </>
      )}
      {c.attachments.length > 0 && (
        <>
          <h2>Files</h2>
          <ul>
            {c.attachments.map((a) => (
              <li key={a.id}>
                {imagery ? (
                  `${a.filename} (withheld: imagery category)`
                ) : (
                  <a href={`/api/concerns/attachments/${a.id}`} download={a.filename}>
                    {a.filename}
                  </a>
                )}{' '}
                ({sizeText(a.size)}, {formatInstant(a.uploadedAt)})
              </li>
            ))}
          </ul>
        </>
      )}
      {c.custody.length > 0 && (
        <>
          <h2>Device custody</h2>
          <ol className="history" aria-label="Device custody">
            {c.custody.map((r) => (
              <li key={r.id}>
                <strong>
                  {r.event === 'secured' ? 'Secured' : r.event === 'handed_over' ? 'Handed over' : 'Returned'}
                </strong>{' '}
                {formatInstant(r.at)}: {r.device}
                {r.place ? `, kept in ${r.place}` : ''}
                {r.handedTo ? `, handed to ${r.handedTo}` : ''}
                {r.byPersonId ? `, by ${staffName(r.byPersonId)}` : ''}
              </li>
            ))}
          </ol>
        </>
      )}
      {!team && <MyActions actions={c.actions} onDone={load} />}
      {c.status !== 'closed' && <ReporterForms concern={c} onSaved={load} />}
      {team && (
        <TeamPanels
          concern={c}
          staff={staff}
          staffName={staffName}
          who={who}
          subject={subject?.personId ?? null}
          onSaved={load}
        />
      )}
      {team && c.restricted && <NamedViewers concern={c} onSaved={load} />}
      {c.access.canManage && <ViewsPanel entries={views} />}
    </section>
  );
}
