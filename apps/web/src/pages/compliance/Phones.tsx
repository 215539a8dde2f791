import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useRun } from '../../lib/useRun';
import { ComplianceNav } from './ComplianceNav';
import { Confiscations } from './Confiscations';

interface Handin {
  id: string;
  pupilId: string;
  name: string;
  className: string | null;
  day: string;
  handedInAt: string;
  collectedAt: string | null;
  note: string | null;
}
interface Register {
  day: string;
  today: string;
  handins: Handin[];
  notCollected: Handin[];
  eligible: { id: string; name: string; className: string | null }[];
}

/** The office's phone register (policy 4.3): phones handed in each morning and collected at the end of the day. */
export function Phones() {
  usePageTitle('Phone register');
  const { data, error, reload } = useApi<Register>('/api/phones/register');
  const { run, onSubmit, messages } = useRun(reload);
  const nameOf = (pupilId: string) => data?.eligible.find((p) => p.id === pupilId)?.name ?? 'the pupil';
  const handIn = onSubmit(
    (f) => post('/api/phones/handins', { pupilId: formText(f, 'pupil'), note: formText(f, 'note') || null }),
    (f) => `${nameOf(formText(f, 'pupil'))}’s phone is handed in.`,
  );
  const handedIn = new Set(data?.handins.map((h) => h.pupilId));
  return (
    <section>
      <h1>Phone register</h1>
      <ComplianceNav />
      <ErrorMessage text={error} />
      {messages}
      {data && (
        <>
          <p>{longDate(data.day)}.</p>
          <form className="inline-form" onSubmit={handIn}>
            <label htmlFor="handin-pupil">Pupil handing in a phone</label>
            <select id="handin-pupil" name="pupil" required defaultValue="">
              <option value="" disabled>
                Choose a pupil
              </option>
              {data.eligible
                .filter((p) => !handedIn.has(p.id))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.className ? ` (${p.className})` : ''}
                  </option>
                ))}
            </select>
            <label htmlFor="handin-note">Note</label>
            <input id="handin-note" name="note" maxLength={300} />
            <button type="submit">Record the phone handed in</button>
          </form>
          <h2>Handed in today</h2>
          {data.handins.length === 0 ? (
            <p>No phones handed in yet today.</p>
          ) : (
            <DataTable
              label="Handed in today"
              caption="Phones handed in today"
              columns={['Pupil', 'Class', 'Handed in', 'Collected']}
            >
              {data.handins.map((h) => (
                <tr key={h.id}>
                  <td>{h.name}</td>
                  <td>{h.className ?? '—'}</td>
                  <td>{formatInstant(h.handedInAt)}</td>
                  <td>
                    {h.collectedAt ? (
                      formatInstant(h.collectedAt)
                    ) : (
                      <button
                        type="button"
                        aria-label={`Collected for ${h.name}`}
                        onClick={() =>
                          void run(
                            () => post(`/api/phones/handins/${h.id}/collect`),
                            `${h.name}’s phone is collected.`,
                          )
                        }
                      >
                        Collected
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          <h2>Not collected</h2>
          {data.notCollected.length === 0 ? (
            <p>Every phone has been collected.</p>
          ) : (
            <DataTable
              label="Not collected"
              caption="Phones not collected"
              columns={['Pupil', 'Class', 'Day']}
            >
              {data.notCollected.map((h) => (
                <tr key={h.id}>
                  <td>{h.name}</td>
                  <td>{h.className ?? '—'}</td>
                  <td>{longDate(h.day)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
      <Confiscations />
    </section>
  );
}
