import type { FormEvent } from 'react';
import { TRAINING_KIND_LABELS, TRAINING_KINDS } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { useRun } from '../../lib/useRun';
import { ComplianceNav } from './ComplianceNav';
import { TrainingRecords, type TrainingRecord } from './TrainingRecords';

interface Status {
  summary: {
    staff: number;
    current: number;
    expiring: number;
    expired: number;
    never: number;
    inductionDue: number;
  };
  staff: {
    personId: string;
    name: string;
    lastCompleted: string | null;
    expiresOn: string | null;
    state: 'current' | 'expiring' | 'expired' | 'never';
    inductionDue: boolean;
  }[];
}
const STATE_LABELS = {
  current: 'Current',
  expiring: 'Expiring soon',
  expired: 'Out of date',
  never: 'Never trained',
};

/** Staff training (policy 6.3): who is current, out of date or never trained; a whole-staff session at once. */
export function Training() {
  usePageTitle('Staff training');
  const { can } = useSession();
  const status = useApi<Status>('/api/training/status');
  const courses = useApi<{
    courses: { id: string; title: string; kindLabel: string; validityMonths: number | null }[];
  }>('/api/training/courses');
  const records = useApi<{ records: TrainingRecord[] }>('/api/training/records');
  const { onSubmit, messages, run } = useRun(async () => {
    await Promise.all([status.reload(), courses.reload(), records.reload()]);
  });
  const session = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const personIds = (status.data?.staff ?? [])
      .filter((s) => f.get(`p-${s.personId}`) === 'on')
      .map((s) => s.personId);
    const body = {
      personIds,
      courseId: formText(f, 'course'),
      completedOn: formText(f, 'completedOn'),
      provider: formText(f, 'provider') || null,
    };
    void run(
      () => post('/api/training/sessions', body),
      `Recorded the session for ${personIds.length} members of staff.`,
      form,
    );
  };
  const course = onSubmit(
    (f) => post('/api/training/courses', { title: formText(f, 'title'), kind: formText(f, 'kind') }),
    'Course added.',
  );
  const s = status.data?.summary;
  return (
    <section>
      <h1>Staff training</h1>
      <ComplianceNav />
      <ErrorMessage text={status.error} />
      {messages}
      {s && (
        <p>
          {s.current} of {s.staff} current ({s.expiring} expiring soon); {s.expired} out of date; {s.never}{' '}
          never trained; {s.inductionDue} new staff waiting for induction.
        </p>
      )}
      {status.data && (
        <DataTable
          label="Staff training"
          caption="Each member of staff’s online-safety training"
          columns={['Name', 'State', 'Last completed', 'Expires', 'Induction']}
        >
          {status.data.staff.map((p) => (
            <tr key={p.personId}>
              <td>{p.name}</td>
              <td>{STATE_LABELS[p.state]}</td>
              <td>{longDate(p.lastCompleted)}</td>
              <td>{longDate(p.expiresOn)}</td>
              <td>{p.inductionDue ? 'Due' : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {records.data && (
        <TrainingRecords
          records={records.data.records}
          canUpload={can('training.manage')}
          onSaved={records.reload}
        />
      )}
      {can('training.manage') && status.data && courses.data && (
        <>
          <form className="panel" onSubmit={session}>
            <h2>Record a whole-staff session</h2>
            <div className="field">
              <label htmlFor="session-course">Course</label>
              <select id="session-course" name="course" required defaultValue="">
                <option value="" disabled>
                  Choose a course
                </option>
                {courses.data.courses.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} ({c.kindLabel})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="session-date">Date</label>
              <input id="session-date" name="completedOn" type="date" required />
            </div>
            <div className="field">
              <label htmlFor="session-provider">Provider</label>
              <input id="session-provider" name="provider" maxLength={200} />
            </div>
            <fieldset>
              <legend>Who attended</legend>
              {status.data.staff.map((p) => (
                <label key={p.personId} className="checkbox">
                  <input type="checkbox" name={`p-${p.personId}`} defaultChecked /> {p.name}
                </label>
              ))}
            </fieldset>
            <button type="submit">Record the session</button>
          </form>
          <form className="panel" onSubmit={course}>
            <h2>Add a course</h2>
            <div className="field">
              <label htmlFor="course-title">Title</label>
              <input id="course-title" name="title" required maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="course-kind">Kind</label>
              <select id="course-kind" name="kind" defaultValue="online_safety">
                {TRAINING_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {TRAINING_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Add the course</button>
          </form>
        </>
      )}
    </section>
  );
}
