import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, get, post } from '../../lib/api';
import { Field, useFormErrors, usePageTitle, formText } from '../../lib/forms';
import type { PasswordRule } from '../../lib/session';
import { PasswordFields, readNewPassword } from './PasswordFields';

interface InvitationView {
  purpose: 'account' | 'password_reset';
  school: string;
  givenName: string;
  username: string | null;
  suggestedUsername: string;
  roles: { role: string; label: string }[];
  passwordRule: PasswordRule;
  expiresAt: string;
}

/**
 * An invitation link (clarification 10): the person chooses a username and a strong password. The same page
 * takes an approved password reset's link, where only the password is chosen.
 */
export function Invitation({ token }: { token: string }) {
  const [view, setView] = useState<InvitationView | null>(null);
  const [loadError, setLoadError] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors((p) => (p === 'username' ? 'invite-username' : 'new-password'));
  usePageTitle(view?.purpose === 'password_reset' ? 'Choose a new password' : 'Set up your account');

  useEffect(() => {
    get<InvitationView>(`/api/invitations/${encodeURIComponent(token)}`)
      .then(setView)
      .catch((err: unknown) =>
        setLoadError(err instanceof ApiError ? err.message : 'Could not open this link'),
      );
  }, [token]);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!view) return;
    const form = new FormData(e.currentTarget);
    const { password, mismatch: differ } = readNewPassword(form);
    setMismatch(differ);
    errors.clear();
    if (differ) {
      errors.show(new Error('mismatch'), 'The two passwords are not the same');
      return;
    }
    setBusy(true);
    try {
      const res = await post<{ username: string }>(`/api/invitations/${encodeURIComponent(token)}/accept`, {
        ...(view.purpose === 'account' ? { username: formText(form, 'username') } : {}),
        password,
      });
      setDone(res.username);
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  if (loadError)
    return (
      <section className="narrow">
        <h1>This link does not work</h1>
        <p role="alert">{loadError}</p>
      </section>
    );
  if (!view) return <p aria-live="polite">Loading…</p>;
  if (done)
    return (
      <section className="narrow">
        <h1>{view.purpose === 'account' ? 'Your account is ready' : 'Your password has been changed'}</h1>
        <p role="status">
          Sign in as <strong>{done}</strong> with the password you chose.
        </p>
        <Link to="/">Go to sign in</Link>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{view.purpose === 'account' ? 'Set up your account' : 'Choose a new password'}</h1>
      <p>
        Hello {view.givenName}.{' '}
        {view.purpose === 'account'
          ? 'You have been invited to Harbour at '
          : 'Your password for Harbour at '}
        {view.school}
        {view.purpose === 'account' ? '.' : ' has been reset.'}
      </p>
      {view.roles.length > 0 && <p>Your account starts with: {view.roles.map((r) => r.label).join(', ')}.</p>}
      {errors.summary}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {view.purpose === 'account' ? (
          <Field
            id="invite-username"
            label="Username"
            hint="Letters, digits, dots and dashes. You type it each time you sign in."
            error={errors.fieldError('username')}
            required
          >
            {(aria) => (
              <input
                {...aria}
                name="username"
                autoComplete="username"
                defaultValue={view.suggestedUsername}
                maxLength={40}
              />
            )}
          </Field>
        ) : (
          <p>
            Username: <strong>{view.username}</strong>
          </p>
        )}
        <PasswordFields
          rule={view.passwordRule}
          error={errors.fieldError('password')}
          confirmError={mismatch ? 'The two passwords are not the same' : undefined}
        />
        <button type="submit" disabled={busy}>
          {view.purpose === 'account' ? 'Create my account' : 'Save my new password'}
        </button>
      </form>
    </section>
  );
}
