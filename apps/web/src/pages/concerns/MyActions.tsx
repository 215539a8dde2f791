import { post } from '../../lib/api';
import type { Action } from '../../lib/concerns';
import { formatDay } from '../../lib/people';
import { useRun } from './useRun';

/** Actions on this concern assigned to the reporter: all of the response they see (clarification 7). */
export function MyActions({ actions, onDone }: { actions: Action[]; onDone: () => Promise<void> }) {
  const r = useRun(onDone);
  if (!actions.length) return null;
  return (
    <>
      <h2>Actions for you</h2>
      {r.messages}
      <ul>
        {actions.map((a) => (
          <li key={a.id}>
            {a.title}, due {formatDay(a.dueOn)}
            {a.overdue ? ' (overdue)' : ''}
            {a.doneAt ? (
              ' (done)'
            ) : (
              <>
                {' '}
                <button
                  type="button"
                  disabled={r.busy}
                  onClick={() =>
                    void r.run(() => post(`/api/concerns/actions/${a.id}/done`, {}), 'Marked done.')
                  }
                >
                  Mark done<span className="visually-hidden">: {a.title}</span>
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
