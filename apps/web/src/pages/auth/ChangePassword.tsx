import { useState, type FormEvent } from 'react';
import { post } from '../../lib/api';
import { Field, useFormErrors, usePageTitle, formText } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { PasswordFields, readNewPassword } from './PasswordFields';

/**
 * Changing one's password, or (forced) replacing a one-time password straight after signing in. Every other
 * session of the account ends.
 */
export function ChangePassword({ forced = false }: { forced?: boolean }) {
  const { state, reload } = useSession();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [mismatch, setMismatch] = useState(false);
  const errors = useFormErrors((p) => (p === 'currentPassword' ? 'current-password' : 'new-password'));
  usePageTitle(forced ? 'Choose a new password' : 'Change your password');
  const session = !state.loading ? state.session : null;
  if (!session) return null;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const { password, mismatch: differ } = readNewPassword(form);
    setMismatch(differ);
    errors.clear();
    setDone(false);
    if (differ) {
      errors.show(new Error('mismatch'), 'The two new passwords are not the same');
      return;
    }
    setBusy(true);
    try {
      await post('/api/auth/password', {
        ...(forced ? {} : { currentPassword: formText(form, 'currentPassword') }),
        newPassword: password,
      });
      formEl.reset();
      if (forced) await reload();
      else setDone(true);
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{forced ? 'Choose a new password' : 'Change your password'}</h1>
      {forced && <p>You signed in with a one-time password. Choose your own before you go on.</p>}
      {done && (
        <p role="status" className="ok">
          Your password has been changed. Any other place you were signed in has been signed out.
        </p>
      )}
      {errors.summary}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {!forced && (
          <Field
            id="current-password"
            label="Current password"
            error={errors.fieldError('currentPassword')}
            required
          >
            {(aria) => (
              <input {...aria} name="currentPassword" type="password" autoComplete="current-password" />
            )}
          </Field>
        )}
        <PasswordFields
          rule={session.passwordRule}
          error={errors.fieldError('newPassword')}
          confirmError={mismatch ? 'The two new passwords are not the same' : undefined}
        />
        <button type="submit" disabled={busy}>
          {forced ? 'Save my password' : 'Change password'}
        </button>
      </form>
    </section>
  );
}
