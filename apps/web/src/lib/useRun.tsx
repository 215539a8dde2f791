import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../components/DataTable';
import { errorText } from './filtering';

/**
 * A panel's save: runs the call, announces success or the API's message, reloads the concern. The form is reset
 * only when the save worked, so nothing typed is lost on a refusal.
 */
export function useRun(onSaved: () => Promise<void> | void) {
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, ok: string, form?: HTMLFormElement) => {
    setNotice('');
    setProblem('');
    setBusy(true);
    try {
      await fn();
      form?.reset();
      // Announced once the page shows the saved state.
      await onSaved();
      setNotice(ok);
    } catch (err) {
      setProblem(errorText(err, 'Could not save'));
    } finally {
      setBusy(false);
    }
  };
  const onSubmit = (fn: (f: FormData) => Promise<unknown>, ok: string) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    void run(() => fn(new FormData(form)), ok, form);
  };
  const messages = (
    <>
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
    </>
  );
  return { run, onSubmit, messages, busy };
}
