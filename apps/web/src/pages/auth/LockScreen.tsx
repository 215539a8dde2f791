import { useState, type FormEvent } from 'react';
import { post } from '../../lib/api';
import { Field, useFormErrors, usePageTitle, formText } from '../../lib/forms';
import { useSession } from '../../lib/session';

/**
 * The lock screen (issue 2, section 4): the server refuses this session everything until the password is given
 * again. The address stays the same, so unlocking returns to the page that was open.
 */
export function LockScreen() {
  const { state, reload } = useSession();
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(() => 'unlock-password');
  usePageTitle('Locked');
  const username = !state.loading ? state.session?.username : '';

  const unlock = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const password = formText(new FormData(form), 'password');
    setBusy(true);
    errors.clear();
    try {
      await post('/api/auth/unlock', { password });
      await reload();
    } catch (err) {
      form.reset();
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>Harbour is locked</h1>
      <p>
        Signed in as <strong>{username}</strong>. Enter your password to carry on where you were.
      </p>
      {errors.summary}
      <form onSubmit={(e) => void unlock(e)} noValidate>
        <Field id="unlock-password" label="Password" error={errors.fieldError('password')} required>
          {(aria) => (
            <input {...aria} name="password" type="password" autoComplete="current-password" autoFocus />
          )}
        </Field>
        <button type="submit" disabled={busy}>
          Unlock
        </button>
      </form>
    </section>
  );
}
