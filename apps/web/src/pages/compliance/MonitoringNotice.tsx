import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/DataTable';
import { put } from '../../lib/api';
import { useApi } from '../../lib/filtering';
import { Field, formText, useFormErrors } from '../../lib/forms';

interface Settings {
  settings: { key: string; version: number; value: unknown }[];
}

/**
 * The school's monitoring notice (issue 6, policy 6.1, 6.3), for whoever may change settings: shown on the
 * block page and with every agreement; new drafts from the starter texts carry it. Empty means the default.
 */
export function MonitoringNotice({ onSaved }: { onSaved: () => Promise<void> }) {
  const { data, error, reload } = useApi<Settings>('/api/settings');
  const errors = useFormErrors(() => 'monitoring-notice');
  const [saved, setSaved] = useState('');
  const setting = data?.settings.find((s) => s.key === 'monitoring.notice');
  if (error) return <ErrorMessage text={error} />;
  if (!setting) return null;
  const text = (setting.value as { text: string }).text;

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    errors.clear();
    setSaved('');
    try {
      await put('/api/settings/monitoring.notice', {
        value: { text: formText(new FormData(e.currentTarget), 'text') },
        expectedVersion: setting.version,
      });
      setSaved('The monitoring notice is saved.');
      await reload();
      await onSaved();
    } catch (err) {
      errors.show(err, 'Could not save the monitoring notice');
    }
  };

  return (
    <section aria-labelledby="monitoring-notice-heading" className="panel">
      <h2 id="monitoring-notice-heading">Monitoring notice</h2>
      <form className="narrow-form" onSubmit={(e) => void save(e)} key={setting.version}>
        {errors.summary}
        <Field
          id="monitoring-notice"
          label="What everyone is told about monitoring"
          hint="Shown on the block page and with every agreement; left empty, Harbour's default text is shown."
          error={errors.fieldError('text')}
        >
          {(aria) => <textarea {...aria} name="text" rows={4} maxLength={2000} defaultValue={text} />}
        </Field>
        <button type="submit">Save the notice</button>
      </form>
      <div aria-live="polite">{saved && <p className="ok">{saved}</p>}</div>
    </section>
  );
}
