import './compliance.css';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../components/DataTable';
import { put } from '../../lib/api';
import { useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { useRun } from '../../lib/useRun';
import { ComplianceNav } from './ComplianceNav';
import { SETTING_FORMS, type SettingForm, type Staff } from './PolicySettingFields';

interface SettingState {
  key: string;
  description: string;
  value: Record<string, unknown>;
  version: number;
  updatedAt: string | null;
}

/** One setting's form: saved against the version it was read at, so two people's edits never overwrite. */
function SettingPanel(props: {
  form: SettingForm;
  state: SettingState;
  staff: Staff;
  canWrite: boolean;
  onSaved: () => Promise<void>;
}) {
  const { form, state } = props;
  const { onSubmit, messages, busy } = useRun(props.onSaved, { keepForm: true });
  const id = `setting-${form.key.replace(/\W/g, '-')}`;
  return (
    <form
      className="panel"
      aria-labelledby={id}
      onSubmit={onSubmit(
        (f) =>
          put(`/api/settings/${encodeURIComponent(form.key)}`, {
            value: form.value(f, props.staff),
            expectedVersion: state.version,
          }),
        `Saved: ${form.title}.`,
      )}
    >
      <h2 id={id}>{form.title}</h2>
      <p className="hint">
        {state.description}.{' '}
        {state.version === 0 ? 'Harbour’s default.' : `Last changed ${formatInstant(state.updatedAt)}.`}
      </p>
      {messages}
      <fieldset disabled={!props.canWrite} className="plain-fieldset">
        <legend className="visually-hidden">{form.title}</legend>
        {form.fields(state.value, props.staff)}
      </fieldset>
      {props.canWrite && (
        <button type="submit" disabled={busy}>
          Save<span className="visually-hidden"> {form.title}</span>
        </button>
      )}
    </form>
  );
}

/**
 * What the online-safety policy names (policy 1.2): the DSLs and deputies, the governor lead, the filtering and
 * monitoring providers, phone rules, official social media (or none) and the learning platform (or none). A new
 * policy version is prepared from these; the headteacher (or an administrator) changes them.
 */
export function PolicySettings() {
  usePageTitle('What the policy names');
  const { can } = useSession();
  const settings = useApi<{ settings: SettingState[] }>('/api/settings');
  // Governors read the settings but not the people register: they see the choices without staff names.
  const readsPeople = can('people.read');
  const staff = useApi<{ people: Staff }>(readsPeople ? '/api/people?kind=staff&limit=200' : null);
  const canWrite = can('settings.write');
  return (
    <section>
      <h1>What the policy names</h1>
      <ComplianceNav />
      <p>
        <Link to="/policy">Back to the policy</Link>
      </p>
      <p>
        The school’s online-safety policy is written from these settings. After a change, prepare a new
        version of the policy for the headteacher and the chair of governors to approve.
        {!canWrite && ' Only the headteacher or an administrator can change them.'}
      </p>
      <ErrorMessage text={settings.error || staff.error} />
      {settings.data &&
        (staff.data || !readsPeople) &&
        SETTING_FORMS.map((form) => {
          const state = settings.data!.settings.find((s) => s.key === form.key);
          return (
            state && (
              <SettingPanel
                key={form.key}
                form={form}
                state={state}
                staff={staff.data?.people ?? []}
                canWrite={canWrite}
                onSaved={settings.reload}
              />
            )
          );
        })}
    </section>
  );
}
