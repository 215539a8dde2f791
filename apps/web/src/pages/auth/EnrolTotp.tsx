import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, post } from '../../lib/api';
import { Field, useFormErrors, usePageTitle, formText } from '../../lib/forms';
import { useSession } from '../../lib/session';

interface Enrolment {
  secret: string;
  otpauthUrl: string;
  qrCode: string;
}

/** Groups of four, as authenticator apps show keys (they ignore the spaces). */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Two-factor enrolment (policy 7.2, clarification 9): a QR code and the same key as text, a first code to prove
 * it works, then the ten recovery codes, shown this once.
 */
export function EnrolTotp() {
  const { reload } = useSession();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [loadError, setLoadError] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  const errors = useFormErrors(() => 'enrol-code');
  usePageTitle(codes ? 'Save your recovery codes' : 'Set up two-factor sign-in');

  useEffect(() => {
    // One enrolment per visit (StrictMode runs effects twice in development).
    if (started.current) return;
    started.current = true;
    post<Enrolment>('/api/auth/totp/enrol')
      .then(setEnrolment)
      .catch((err: unknown) =>
        setLoadError(err instanceof ApiError ? err.message : 'Could not start two-factor set-up'),
      );
  }, []);

  const confirm = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = formText(new FormData(e.currentTarget), 'code').replace(/\s+/g, '');
    setBusy(true);
    errors.clear();
    try {
      const res = await post<{ recoveryCodes: string[] }>('/api/auth/totp/enrol/confirm', { code });
      setCodes(res.recoveryCodes);
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  if (codes)
    return (
      <section className="narrow">
        <h1>Save your recovery codes</h1>
        <p>
          If you lose your phone, each of these codes lets you sign in once instead of a code from the app.
          Print them or write them down and keep them somewhere safe.{' '}
          <strong>They are shown only this once.</strong>
        </p>
        <ol className="recovery-codes" aria-label="Recovery codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <button type="button" onClick={() => void reload()}>
          I have saved my recovery codes
        </button>
      </section>
    );

  return (
    <section className="narrow">
      <h1>Set up two-factor sign-in</h1>
      <p>
        Your role can see safeguarding information or manage accounts, so Harbour asks for a code from an
        authenticator app on your phone each time you sign in.
      </p>
      {loadError && (
        <p role="alert" className="error">
          {loadError}
        </p>
      )}
      {!enrolment && !loadError && <p aria-live="polite">Preparing…</p>}
      {enrolment && (
        <>
          <ol className="steps">
            <li>Open an authenticator app (for example Microsoft Authenticator or Google Authenticator).</li>
            <li>
              Scan this QR code with the app:
              <img
                className="qr"
                src={enrolment.qrCode}
                alt="QR code for Harbour, to scan with your authenticator app"
                width={200}
                height={200}
              />
            </li>
            <li>
              Or, if you cannot scan it, add an account in the app and type this key:
              <code
                className="totp-secret"
                id="totp-secret"
                aria-label="Key to type into your authenticator app"
              >
                {grouped(enrolment.secret)}
              </code>
            </li>
          </ol>
          {errors.summary}
          <form onSubmit={(e) => void confirm(e)} noValidate>
            <Field
              id="enrol-code"
              label="Code from your authenticator app"
              hint="Type the 6 digits the app now shows for Harbour."
              error={errors.fieldError('code')}
              required
            >
              {(aria) => (
                <input {...aria} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={7} />
              )}
            </Field>
            <button type="submit" disabled={busy}>
              Turn on two-factor sign-in
            </button>
          </form>
        </>
      )}
    </section>
  );
}
