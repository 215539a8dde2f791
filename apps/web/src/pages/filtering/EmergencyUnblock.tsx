import { useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, groupNameOf, useApi, type FilterPolicy } from '../../lib/filtering';
import { Field, formText, useFormErrors, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { FilteringNav } from './FilteringNav';

const FIELD_IDS: Record<string, string> = {
  domain: 'unblock-domain',
  groupId: 'unblock-group',
  reason: 'unblock-reason',
  minutes: 'unblock-minutes',
};

/**
 * The emergency unblock (policy 7.3): a leadership member alone, for a limited time; it ends by itself and is
 * logged as a change request of its own kind. It can never allow illegal content.
 */
export function EmergencyUnblock() {
  usePageTitle('Emergency unblock');
  const { data: p, error, reload } = useApi<FilterPolicy>('/api/filtering/policy');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const errors = useFormErrors((path) => FIELD_IDS[path] ?? 'unblock-domain');

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    errors.clear();
    setNotice('');
    try {
      await post('/api/filtering/unblocks', {
        domain: formText(f, 'domain'),
        groupId: formText(f, 'groupId') || null,
        reason: formText(f, 'reason'),
        minutes: Number(formText(f, 'minutes')),
      });
      setNotice(`${formText(f, 'domain')} is unblocked for ${formText(f, 'minutes')} minutes.`);
      form.reset();
      await reload();
    } catch (err) {
      errors.show(err, 'Could not unblock that name');
    }
  };

  const end = async (id: string, domain: string) => {
    setProblem('');
    setNotice('');
    try {
      await post(`/api/filtering/unblocks/${encodeURIComponent(id)}/end`, {});
      setNotice(`The unblock of ${domain} has ended.`);
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not end the unblock'));
    }
  };

  const max = p?.settings.emergencyMaxMinutes ?? 240;
  return (
    <section>
      <h1>Emergency unblock</h1>
      <FilteringNav />
      <p>
        For a lesson that cannot wait for a change request. It lasts at most {max} minutes, ends by itself and
        is logged. Illegal content can never be unblocked.
      </p>
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {p && (
        <form
          className="narrow-form"
          onSubmit={(e) => void submit(e)}
          aria-label="Emergency unblock"
          noValidate
        >
          {errors.summary}
          <Field id="unblock-domain" label="Name" required error={errors.fieldError('domain')}>
            {(a) => <input {...a} name="domain" maxLength={253} placeholder="example.com" />}
          </Field>
          <Field id="unblock-group" label="For" error={errors.fieldError('groupId')}>
            {(a) => (
              <select {...a} name="groupId">
                <option value="">Every group</option>
                {p.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="unblock-minutes"
            label="Minutes"
            required
            hint={`5 to ${max}`}
            error={errors.fieldError('minutes')}
          >
            {(a) => <input {...a} name="minutes" type="number" min={5} max={max} defaultValue={60} />}
          </Field>
          <Field id="unblock-reason" label="Why it cannot wait" required error={errors.fieldError('reason')}>
            {(a) => <textarea {...a} name="reason" rows={3} maxLength={2000} />}
          </Field>
          <button type="submit">Unblock now</button>
        </form>
      )}
      <h2>Unblocked now</h2>
      {p && p.unblocks.length === 0 && <p>Nothing is unblocked.</p>}
      {p && p.unblocks.length > 0 && (
        <DataTable
          label="Emergency unblocks"
          caption="Emergency unblocks in force"
          columns={['Name', 'For', 'Ends', '']}
        >
          {p.unblocks.map((u) => (
            <tr key={u.id}>
              <td className="break">{u.domain}</td>
              <td>{groupNameOf(p.groups, u.groupId)}</td>
              <td>{formatInstant(u.expiresAt)}</td>
              <td>
                <button type="button" className="secondary" onClick={() => void end(u.id, u.domain)}>
                  End now<span className="visually-hidden"> ({u.domain})</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
