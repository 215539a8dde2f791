import { useState, type FormEvent } from 'react';
import { CHECK_STATUS_LABELS, CHECK_STATUSES, type TrafficLight } from '@harbour/shared';
import { ErrorMessage } from '../../components/DataTable';
import { put } from '../../lib/api';
import { Light } from '../../lib/compliance';
import { errorText, useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';

interface Item {
  key: string;
  group: string;
  text: string;
  status: string;
  evidence: string | null;
  notes: string | null;
  live: { label: string; light: TrafficLight; figure: string }[];
}
interface Framework {
  framework: 'dfe' | 'uksic';
  label: string;
  counts: Record<string, number>;
  items: Item[];
}

/** The DfE filtering-and-monitoring standards and the UKSIC items (policy 5.1, 7.3): status, evidence, notes. */
export function Checklists() {
  usePageTitle('DfE and UKSIC checklists');
  const { can } = useSession();
  const { data, error, reload } = useApi<{ frameworks: Framework[] }>('/api/compliance/checklists');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const save = async (e: FormEvent<HTMLFormElement>, f: Framework, item: Item) => {
    e.preventDefault();
    setNotice('');
    setProblem('');
    const form = new FormData(e.currentTarget);
    try {
      await put('/api/compliance/checks', {
        framework: f.framework,
        item: item.key,
        status: formText(form, 'status'),
        evidence: formText(form, 'evidence') || null,
        notes: formText(form, 'notes') || null,
      });
      setNotice(`Saved: ${item.text}`);
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not save the item'));
    }
  };
  return (
    <section>
      <h1>DfE and UKSIC checklists</h1>
      <ComplianceNav />
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {data?.frameworks.map((f) => (
        <section key={f.framework} aria-labelledby={`fw-${f.framework}`}>
          <h2 id={`fw-${f.framework}`}>{f.label}</h2>
          <p>{CHECK_STATUSES.map((s) => `${CHECK_STATUS_LABELS[s]}: ${f.counts[s] ?? 0}`).join(' · ')}</p>
          {[...new Set(f.items.map((i) => i.group))].map((group) => (
            <section key={group}>
              <h3>{group}</h3>
              <ul className="account-list">
                {f.items
                  .filter((i) => i.group === group)
                  .map((i) => {
                    const id = `${f.framework}-${i.key.replace(/\W/g, '-')}`;
                    return (
                      <li key={i.key} className="panel">
                        <p id={`${id}-text`}>
                          <strong>{i.text}</strong>
                        </p>
                        {i.live.length > 0 && (
                          <ul aria-label="What Harbour holds">
                            {i.live.map((l) => (
                              <li key={l.label}>
                                <Light light={l.light} /> {l.label}: {l.figure}
                              </li>
                            ))}
                          </ul>
                        )}
                        {can('compliance.write') ? (
                          <form onSubmit={(e) => void save(e, f, i)} aria-labelledby={`${id}-text`}>
                            <div className="field">
                              <label htmlFor={`${id}-status`}>Status</label>
                              <select id={`${id}-status`} name="status" defaultValue={i.status}>
                                {CHECK_STATUSES.map((s) => (
                                  <option key={s} value={s}>
                                    {CHECK_STATUS_LABELS[s]}
                                  </option>
                                ))}
                              </select>
                            </div>
                            <div className="field">
                              <label htmlFor={`${id}-evidence`}>Evidence</label>
                              <textarea
                                id={`${id}-evidence`}
                                name="evidence"
                                rows={2}
                                maxLength={4000}
                                defaultValue={i.evidence ?? ''}
                              />
                            </div>
                            <div className="field">
                              <label htmlFor={`${id}-notes`}>Notes</label>
                              <textarea
                                id={`${id}-notes`}
                                name="notes"
                                rows={2}
                                maxLength={4000}
                                defaultValue={i.notes ?? ''}
                              />
                            </div>
                            <button type="submit">
                              Save<span className="visually-hidden"> the item {i.text}</span>
                            </button>
                          </form>
                        ) : (
                          <p>
                            {CHECK_STATUS_LABELS[i.status as keyof typeof CHECK_STATUS_LABELS]}
                            {i.evidence ? `. Evidence: ${i.evidence}` : ''}
                            {i.notes ? `. Notes: ${i.notes}` : ''}
                          </p>
                        )}
                      </li>
                    );
                  })}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </section>
  );
}
