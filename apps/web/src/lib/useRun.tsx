import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/DataTable';
import { errorText } from './filtering';

/**
 * A panel's save: runs the call, announces success or the API's message, reloads the page's data. The form is
 * reset only when the save worked, so nothing typed is lost on a refusal; an edit form (`keepForm`) keeps what
 * was saved.
 */
export function useRun(onSaved: () => Promise<void> | void, opts: { keepForm?: boolean } = {}) {
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, ok: string, form?: HTMLFormElement) => {
    setNotice('');
    setProblem('');
    setBusy(true);
    try {
      await fn();
      if (!opts.keepForm) form?.reset();
      // Announced once the page shows the saved state.
      await onSaved();
      setNotice(ok);
    } catch (err) {
      setProblem(errorText(err, 'Could not save'));
    } finally {
      setBusy(false);
    }
  };
  /** `ok` may be worked out from what was submitted ("Device HB-0042 added."). */
  const onSubmit =
    (fn: (f: FormData) => Promise<unknown>, ok: string | ((f: FormData) => string)) =>
    (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      const data = new FormData(form);
      void run(() => fn(data), typeof ok === 'string' ? ok : ok(data), form);
    };
  const messages = (
    <>
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
    </>
  );
  return { run, onSubmit, messages, busy };
}
