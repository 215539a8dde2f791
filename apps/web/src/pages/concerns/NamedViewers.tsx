import { post } from '../../lib/api';
import type { ConcernDetail } from '../../lib/concerns';
import { formText } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useRun } from './useRun';

/**
 * Who may see a restricted record (an allegation about a member of staff, clarification 6): the headteacher (or
 * the chair, for an allegation about the head) and the DSLs they name. The custodian names and removes them
 * here; everyone else on the team only sees who is named. Each change is in the audit trail.
 */
export function NamedViewers({ concern, onSaved }: { concern: ConcernDetail; onSaved: () => Promise<void> }) {
  const named = concern.namedViewers ?? [];
  const mayName = concern.mayName ?? [];
  const manages = !!concern.managesViewers;
  const save = useRun(onSaved);
  const url = `/api/concerns/${concern.id}/viewers`;
  return (
    <section className="panel" aria-labelledby="viewers-heading">
      <h2 id="viewers-heading">Who may see this record</h2>
      <p>
        An allegation about a member of staff is seen only by the{' '}
        {concern.custodianRole === 'chair_of_governors' ? 'chair of governors' : 'headteacher'} and the
        designated safeguarding leads named here. The person it is about never sees it.
      </p>
      {save.messages}
      {named.length === 0 ? (
        <p>No one is named yet.</p>
      ) : (
        <ul className="account-list" aria-label="Named to see this record">
          {named.map((v) => (
            <li key={v.accountId}>
              {v.name}, named {formatInstant(v.namedAt)}
              {manages && (
                <>
                  {' '}
                  <button
                    type="button"
                    disabled={save.busy}
                    onClick={() =>
                      void save.run(
                        () => post(url, { remove: [v.accountId] }),
                        `${v.name} can no longer see it.`,
                      )
                    }
                  >
                    Remove {v.name}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {manages && mayName.length > 0 && (
        <form
          className="narrow-form"
          aria-label="Name who may see this record"
          onSubmit={save.onSubmit(
            (f) => post(url, { add: [formText(f, 'accountId')] }),
            (f) =>
              `${mayName.find((m) => m.accountId === formText(f, 'accountId'))?.name ?? 'They'} can see it now.`,
          )}
        >
          <div className="field">
            <label htmlFor="viewer-account">Let a designated safeguarding lead see it</label>
            <select id="viewer-account" name="accountId">
              {mayName.map((v) => (
                <option key={v.accountId} value={v.accountId}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={save.busy}>
            Name them
          </button>
        </form>
      )}
      {manages && mayName.length === 0 && named.length > 0 && (
        <p className="hint">Every DSL who can be named is named.</p>
      )}
    </section>
  );
}
