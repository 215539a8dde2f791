import { useState, type FormEvent } from 'react';
import { ApiError, post } from '../lib/api';
import { useSession } from '../lib/session';

export function SignIn() {
  const { reload } = useSession();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      await post('/api/auth/sign-in', {
        username: form.get('username') as string,
        password: form.get('password') as string,
      });
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not sign in');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow">
      <h1>Sign in to Harbour</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </section>
  );
}
