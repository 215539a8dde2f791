import { useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { patch, post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { errorText, useApi } from '../../lib/filtering';
import { formText } from '../../lib/forms';
import { useSession } from '../../lib/session';

export interface ActionRow {
  id: string;
  title: string;
  aspect: string | null;
  owner: string | null;
  dueOn: string | null;
  status: 'open' | 'done';
  overdue: boolean;
}

/** The self-review's action plan: what will be done, by whom and by when (policy 5.1). */
export function ActionPlan(props: {
  reviewId: string;
  aspects: { key: string; title: string }[];
  actions: ActionRow[];
  onChange: () => Promise<void>;
}) {
  const { can } = useSession();
  const staff = useApi<{ people: { id: string; name: string }[] }>(
    can('compliance.write') ? '/api/people?kind=staff&limit=200' : null,
  );
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const title = (key: string | null) => props.aspects.find((a) => a.key === key)?.title ?? '—';
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setProblem('');
    setNotice('');
    try {
      await fn();
      setNotice(ok);
      await props.onChange();
    } catch (err) {
      setProblem(errorText(err, 'Could not save the action'));
    }
  };
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const el = e.currentTarget;
    void run(async () => {
      await post('/api/compliance/action-plan', {
        reviewId: props.reviewId,
        title: formText(form, 'title'),
        aspect: formText(form, 'aspect') || null,
        ownerPersonId: formText(form, 'owner') || null,
        dueOn: formText(form, 'dueOn') || null,
      });
      el.reset();
    }, 'Action added to the plan.');
  };
  return (
    <section aria-labelledby="action-plan">
      <h2 id="action-plan">Action plan</h2>
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {props.actions.length === 0 ? (
        <p>No actions yet.</p>
      ) : (
        <DataTable
          label="Action plan"
          caption="Actions"
          columns={['Action', 'Aspect', 'Owner', 'Due', 'Status']}
        >
          {props.actions.map((a) => (
            <tr key={a.id}>
              <td>{a.title}</td>
              <td>{title(a.aspect)}</td>
              <td>{a.owner ?? '—'}</td>
              <td>{longDate(a.dueOn)}</td>
              <td>
                {a.status === 'done' ? 'Done' : a.overdue ? 'Overdue' : 'Open'}
                {can('compliance.write') && a.status === 'open' && (
                  <>
                    {' '}
                    <button
                      type="button"
                      aria-label={`Mark done: ${a.title}`}
                      onClick={() =>
                        void run(
                          () => patch(`/api/compliance/action-plan/${a.id}`, { status: 'done' }),
                          `Done: ${a.title}`,
                        )
                      }
                    >
                      Mark done
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {can('compliance.write') && (
        <form onSubmit={add} className="panel">
          <h3>Add an action</h3>
          <div className="field">
            <label htmlFor="action-title">Action</label>
            <input id="action-title" name="title" required maxLength={500} />
          </div>
          <div className="field">
            <label htmlFor="action-aspect">Aspect</label>
            <select id="action-aspect" name="aspect" defaultValue="">
              <option value="">None</option>
              {props.aspects.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.title}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="action-owner">Owner</label>
            <select id="action-owner" name="owner" defaultValue="">
              <option value="">Not yet decided</option>
              {staff.data?.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="action-due">Due by</label>
            <input id="action-due" name="dueOn" type="date" />
          </div>
          <button type="submit">Add the action</button>
        </form>
      )}
    </section>
  );
}
