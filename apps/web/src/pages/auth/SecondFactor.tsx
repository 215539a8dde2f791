import { useState, type FormEvent } from 'react';
import { post } from '../../lib/api';
import { Field, useFormErrors, usePageTitle, formText } from '../../lib/forms';
import { useSession } from '../../lib/session';

/** The code step of signing in (policy 7.2): the authenticator's code, or one of the recovery codes. */
export function SecondFactor() {
  const { reload } = useSession();
  const [recovery, setRecovery] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors((p) => (p === 'recoveryCode' ? 'recovery-code' : 'totp-code'));
  usePageTitle('Enter your code');

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    errors.clear();
    try {
      await post(
        '/api/auth/totp',
        recovery
          ? { recoveryCode: formText(form, 'recoveryCode') }
          : { code: formText(form, 'code').replace(/\s+/g, '') },
      );
      await reload();
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>Enter your code</h1>
      {errors.summary}
      <form onSubmit={(e) => void submit(e)} noValidate key={recovery ? 'recovery' : 'code'}>
        {recovery ? (
          <Field
            id="recovery-code"
            label="Recovery code"
            hint="One of the ten codes you saved when you set up two-factor sign-in. Each works once."
            error={errors.fieldError('recoveryCode')}
            required
          >
            {(aria) => <input {...aria} name="recoveryCode" autoComplete="off" autoFocus maxLength={40} />}
          </Field>
        ) : (
          <Field
            id="totp-code"
            label="Code from your authenticator app"
            hint="The 6 digits the app shows for Harbour now."
            error={errors.fieldError('code')}
            required
          >
            {(aria) => (
              <input
                {...aria}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9 ]*"
                maxLength={7}
                autoFocus
              />
            )}
          </Field>
        )}
        <div className="form-buttons">
          <button type="submit" disabled={busy}>
            Continue
          </button>
          <button type="button" className="link-button" onClick={() => setRecovery((r) => !r)}>
            {recovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
          </button>
        </div>
      </form>
    </section>
  );
}
