import { isImageryCategory } from '@harbour/shared';
import { post } from '../../lib/api';
import {
  AGENCY_KIND_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  localToIso,
  nowLocal,
  type ConcernDetail,
} from '../../lib/concerns';
import { formText } from '../../lib/forms';
import { formatInstant, type Person } from '../../lib/people';
import { useSession } from '../../lib/session';
import { Recategorise } from './Recategorise';
import { ResponsePanels } from './ResponsePanels';
import { useRun } from './useRun';

export interface TeamProps {
  concern: ConcernDetail;
  staff: Person[];
  staffName: (id: string | null) => string;
  who: (accountId: string | null) => string;
  subject: string | null;
  onSaved: () => Promise<void>;
}

const STEP_STATUS = { pending: 'To do', done: 'Done', not_applicable: 'Not applicable' } as const;

/** The DSL team's file: open it, work the playbook, respond, note, close with the lessons learnt, reopen. */
export function TeamPanels(props: TeamProps) {
  const c = props.concern;
  const { can } = useSession();
  const base = `/api/concerns/${c.id}`;
  const open = useRun(props.onSaved);
  const steps = useRun(props.onSaved);
  const note = useRun(props.onSaved);
  const close = useRun(props.onSaved);
  const reopen = useRun(props.onSaved);
  const imagery = useRun(props.onSaved);
  const manage = c.access.canManage;
  const live = c.status !== 'closed';
  const pending = (c.steps ?? []).filter((s) => s.status === 'pending');
  return (
    <>
      {/* Outside their panels: opening, closing and reopening take the panel away with them. */}
      {open.messages}
      {close.messages}
      {reopen.messages}
      {c.status === 'new' && manage && (
        <div className="panel">
          <h2>Triage</h2>
          <p>Opening the concern starts its response playbook.</p>
          <button
            type="button"
            disabled={open.busy}
            onClick={() => void open.run(() => post(`${base}/open`, {}), 'Opened: the playbook is below.')}
          >
            Open the concern
          </button>
          <Recategorise concern={c} onSaved={props.onSaved} />
        </div>
      )}
      {(c.steps?.length ?? 0) > 0 && (
        <section aria-labelledby="steps-heading">
          <h2 id="steps-heading">Playbook</h2>
          {steps.messages}
          <ol className="steps playbook">
            {c.steps!.map((s) => (
              <li key={s.id} className={s.overdue ? 'failing' : undefined}>
                <p>
                  {s.text}{' '}
                  <span className="hint">
                    ({ROLE_LABELS[s.role] ?? s.role}
                    {s.timeLimit ? `, ${s.timeLimit}` : ''})
                  </span>
                </p>
                <p>
                  <strong>{STEP_STATUS[s.status]}</strong>
                  {s.overdue ? ' (overdue)' : ''}
                  {s.doneAt ? `: ${formatInstant(s.doneAt)} by ${props.who(s.doneBy)}` : ''}
                  {s.note ? `. ${s.note}` : ''}
                  {s.status === 'not_applicable' && s.referralKind
                    ? ` (a decision not to refer to ${AGENCY_KIND_LABELS[s.referralKind]})`
                    : ''}
                </p>
                {s.status === 'pending' && manage && live && (
                  <form
                    className="inline-form"
                    aria-label={`Step ${s.position}`}
                    onSubmit={steps.onSubmit((f) => {
                      const status = formText(f, 'status');
                      const text = formText(f, 'text').trim();
                      return post(
                        `${base}/steps`,
                        status === 'not_applicable'
                          ? { stepId: s.id, status, reason: text }
                          : { stepId: s.id, status: 'done', ...(text ? { note: text } : {}) },
                      );
                    }, 'Step saved.')}
                  >
                    <fieldset className="inline-choices">
                      <legend className="visually-hidden">Step {s.position}</legend>
                      <label>
                        <input type="radio" name="status" value="done" defaultChecked /> Done
                      </label>
                      <label>
                        <input type="radio" name="status" value="not_applicable" /> Not applicable
                      </label>
                    </fieldset>
                    <label htmlFor={`step-${s.id}`}>Note (the reason, if not applicable)</label>
                    <input id={`step-${s.id}`} name="text" maxLength={5000} />
                    <button type="submit" disabled={steps.busy}>
                      Save<span className="visually-hidden"> step {s.position}</span>
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      <ResponsePanels {...props} />
      {manage && live && (
        <form
          className="panel"
          onSubmit={note.onSubmit((f) => post(`${base}/notes`, { text: formText(f, 'text') }), 'Note saved.')}
        >
          <h2>DSL note</h2>
          <div className="field">
            <label htmlFor="note-text">Note (the reporter does not see it)</label>
            <textarea id="note-text" name="text" rows={3} maxLength={20000} required />
          </div>
          {note.messages}
          <button type="submit" disabled={note.busy}>
            Save the note
          </button>
        </form>
      )}
      {isImageryCategory(c.category) && can('concerns.imagery') && (
        <section className="panel" aria-labelledby="imagery-heading">
          <h2 id="imagery-heading">Imagery viewed (DSL only)</h2>
          {(c.imageryViews ?? []).map((v) => (
            <p key={v.id}>
              Viewed {formatInstant(v.viewedAt)} by {props.who(v.viewedBy)}: {v.reason}
            </p>
          ))}
          {live && (
            <form
              onSubmit={imagery.onSubmit(
                (f) =>
                  post(`${base}/imagery-views`, {
                    viewedAt: localToIso(formText(f, 'viewedAt')),
                    reason: formText(f, 'reason'),
                  }),
                'Recorded.',
              )}
            >
              <p className="hint">Only where viewing could not be avoided (policy 9.1). Say why.</p>
              <div className="field">
                <label htmlFor="imagery-at">When you viewed it</label>
                <input
                  id="imagery-at"
                  name="viewedAt"
                  type="datetime-local"
                  defaultValue={nowLocal()}
                  required
                />
              </div>
              <div className="field">
                <label htmlFor="imagery-reason">Why it was unavoidable</label>
                <textarea id="imagery-reason" name="reason" rows={2} maxLength={2000} required />
              </div>
              {imagery.messages}
              <button type="submit" disabled={imagery.busy}>
                Record that I viewed it
              </button>
            </form>
          )}
        </section>
      )}
      {c.status === 'open' && manage && (
        <form
          className="panel"
          onSubmit={close.onSubmit(
            (f) =>
              post(`${base}/close`, {
                outcome: formText(f, 'outcome'),
                lessonsLearnt: formText(f, 'lessonsLearnt'),
              }),
            'The concern is closed.',
          )}
        >
          <h2>Close the concern</h2>
          {pending.length > 0 && (
            <p className="hint">
              Every playbook step must be done or marked not applicable first ({pending.length} to go).
            </p>
          )}
          <div className="field">
            <label htmlFor="close-outcome">Outcome</label>
            <textarea id="close-outcome" name="outcome" rows={3} maxLength={20000} required />
          </div>
          <div className="field">
            <label htmlFor="close-lessons">Lessons learnt (the debrief)</label>
            <textarea id="close-lessons" name="lessonsLearnt" rows={3} maxLength={20000} required />
          </div>
          <button type="submit" disabled={close.busy}>
            Close the concern
          </button>
        </form>
      )}
      {c.status === 'closed' && can('concerns.reopen') && (
        <form
          className="panel"
          onSubmit={reopen.onSubmit(
            (f) => post(`${base}/reopen`, { reason: formText(f, 'reason') }),
            'Reopened.',
          )}
        >
          <h2>Reopen</h2>
          <div className="field">
            <label htmlFor="reopen-reason">Why it is reopened</label>
            <textarea id="reopen-reason" name="reason" rows={2} maxLength={5000} required />
          </div>
          <button type="submit" disabled={reopen.busy}>
            Reopen the concern
          </button>
        </form>
      )}
      {(c.statusHistory?.length ?? 0) > 0 && (
        <section aria-labelledby="history-heading">
          <h2 id="history-heading">Status history</h2>
          <ol className="history">
            {c.statusHistory!.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <strong>{STATUS_LABELS[e.to as keyof typeof STATUS_LABELS] ?? e.to}</strong>{' '}
                {formatInstant(e.at)} by {props.who(e.by)}
                {e.reason ? `. Reason: ${e.reason}` : ''}
                {e.outcome ? `. Outcome: ${e.outcome}` : ''}
                {e.lessonsLearnt ? `. Lessons learnt: ${e.lessonsLearnt}` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
