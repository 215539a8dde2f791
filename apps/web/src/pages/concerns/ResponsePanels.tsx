import { useEffect, useState } from 'react';
import { DataTable } from '../../components/DataTable';
import { get, post } from '../../lib/api';
import { AGENCY_KIND_LABELS, AGENCY_KIND_LIST, localToIso, nowLocal, type Agency } from '../../lib/concerns';
import { formText } from '../../lib/forms';
import { formatDay, formatInstant, today } from '../../lib/people';
import { PupilPanels } from './PupilPanels';
import type { TeamProps } from './TeamPanels';
import { useRun } from './useRun';

const opt = (v: string) => v.trim() || null;

/** Actions and agency referrals, with decisions not to refer (issue 3, Responding); then PupilPanels. */
export function ResponsePanels(props: TeamProps) {
  const c = props.concern;
  const base = `/api/concerns/${c.id}`;
  const live = c.status !== 'closed' && c.access.canManage;
  const [agencies, setAgencies] = useState<Agency[]>([]);
  useEffect(() => {
    if (!live) return;
    get<{ agencies: Agency[] }>('/api/concern-agencies')
      .then((r) => setAgencies(r.agencies))
      .catch(() => setAgencies([]));
  }, [live]);
  const action = useRun(props.onSaved);
  const doneAction = useRun(props.onSaved);
  const referral = useRun(props.onSaved);
  const reply = useRun(props.onSaved);
  const noRef = useRun(props.onSaved);
  return (
    <>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">Actions</h2>
        {doneAction.messages}
        {c.actions.length === 0 ? (
          <p>No actions yet.</p>
        ) : (
          <DataTable
            label="Actions"
            caption="Actions, by due date"
            columns={['Action', 'Who', 'Due', 'Done']}
          >
            {c.actions.map((a) => (
              <tr key={a.id} className={a.overdue ? 'failing' : undefined}>
                <td>{a.title}</td>
                <td>{props.staffName(a.assigneePersonId)}</td>
                <td>
                  {formatDay(a.dueOn)}
                  {a.overdue ? ' (overdue)' : ''}
                </td>
                <td>
                  {a.doneAt ? (
                    `${formatInstant(a.doneAt)}${a.doneNote ? `: ${a.doneNote}` : ''}`
                  ) : live ? (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() =>
                        void doneAction.run(
                          () => post(`/api/concerns/actions/${a.id}/done`, {}),
                          'Action done.',
                        )
                      }
                    >
                      Mark done<span className="visually-hidden">: {a.title}</span>
                    </button>
                  ) : (
                    'Not done'
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {live && (
          <form
            className="panel"
            onSubmit={action.onSubmit(
              (f) =>
                post(`${base}/actions`, {
                  title: formText(f, 'title'),
                  assigneePersonId: formText(f, 'assignee'),
                  dueOn: formText(f, 'dueOn'),
                }),
              'Action added.',
            )}
          >
            <h3>Add an action</h3>
            <div className="field">
              <label htmlFor="action-title">What is to be done</label>
              <input id="action-title" name="title" maxLength={1000} required />
            </div>
            <div className="field">
              <label htmlFor="action-assignee">Who does it</label>
              <select id="action-assignee" name="assignee" required defaultValue="">
                <option value="">Choose…</option>
                {props.staff.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.jobTitle ? ` (${p.jobTitle})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="action-due">Due by</label>
              <input id="action-due" name="dueOn" type="date" required defaultValue={today()} />
            </div>
            {action.messages}
            <button type="submit" disabled={action.busy}>
              Add the action
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="referrals-heading">
        <h2 id="referrals-heading">Referrals to agencies</h2>
        {reply.messages}
        {(c.referrals ?? []).length === 0 ? (
          <p>No referrals or decisions not to refer yet.</p>
        ) : (
          <ul className="history" aria-label="Referrals">
            {c.referrals!.map((r) => (
              <li key={r.id} className={r.overdue ? 'failing' : undefined}>
                {r.decision === 'not_referred' ? (
                  <p>
                    <strong>Decided not to refer</strong> to {AGENCY_KIND_LABELS[r.agencyKind]} (
                    {formatInstant(r.referredAt)}): {r.reason}
                  </p>
                ) : (
                  <>
                    <p>
                      <strong>{r.agencyName}</strong>, referred {formatInstant(r.referredAt)}
                      {r.reference ? `, reference ${r.reference}` : ''}
                      {r.responseDueOn ? `, reply expected by ${formatDay(r.responseDueOn)}` : ''}
                      {r.overdue ? ' (no reply: overdue)' : ''}
                    </p>
                    {r.response ? (
                      <p className="pre">
                        Reply {formatInstant(r.responseAt)}: {r.response}
                      </p>
                    ) : (
                      live && (
                        <form
                          className="inline-form"
                          onSubmit={reply.onSubmit(
                            (f) =>
                              post(`${base}/referrals/response`, {
                                referralId: r.id,
                                response: formText(f, 'response'),
                              }),
                            'Reply recorded.',
                          )}
                        >
                          <label htmlFor={`reply-${r.id}`}>Their reply</label>
                          <input id={`reply-${r.id}`} name="response" maxLength={20000} required />
                          <button type="submit">
                            Record the reply<span className="visually-hidden"> from {r.agencyName}</span>
                          </button>
                        </form>
                      )
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {live && (
          <form
            className="panel"
            onSubmit={referral.onSubmit(
              (f) =>
                post(`${base}/referrals`, {
                  agencyId: formText(f, 'agencyId'),
                  referredAt: localToIso(formText(f, 'referredAt')),
                  reference: opt(formText(f, 'reference')),
                  responseDueOn: opt(formText(f, 'responseDueOn')),
                }),
              'Referral recorded.',
            )}
          >
            <h3>Record a referral</h3>
            <div className="field">
              <label htmlFor="referral-agency">Agency</label>
              <select id="referral-agency" name="agencyId" required defaultValue="">
                <option value="">Choose…</option>
                {agencies.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                    {a.phone ? ` (${a.phone})` : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="referral-at">When</label>
              <input
                id="referral-at"
                name="referredAt"
                type="datetime-local"
                defaultValue={nowLocal()}
                required
              />
            </div>
            <div className="field">
              <label htmlFor="referral-ref">Their reference</label>
              <input id="referral-ref" name="reference" maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="referral-due">Reply expected by</label>
              <input id="referral-due" name="responseDueOn" type="date" />
            </div>
            {referral.messages}
            <button type="submit" disabled={referral.busy}>
              Record the referral
            </button>
          </form>
        )}
        {live && (
          <form
            className="panel"
            onSubmit={noRef.onSubmit(
              (f) =>
                post(`${base}/no-referral`, {
                  agencyKind: formText(f, 'agencyKind'),
                  reason: formText(f, 'reason'),
                }),
              'Decision not to refer recorded.',
            )}
          >
            <h3>Record a decision not to refer</h3>
            <div className="field">
              <label htmlFor="noref-kind">Agency not referred to</label>
              <select id="noref-kind" name="agencyKind">
                {AGENCY_KIND_LIST.map((k) => (
                  <option key={k} value={k}>
                    {AGENCY_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="noref-reason">Why not</label>
              <textarea id="noref-reason" name="reason" rows={2} maxLength={5000} required />
            </div>
            {noRef.messages}
            <button type="submit" disabled={noRef.busy}>
              Record the decision
            </button>
          </form>
        )}
      </section>
      <PupilPanels {...props} />
    </>
  );
}
