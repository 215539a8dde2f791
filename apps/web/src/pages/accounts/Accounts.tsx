import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, get } from '../../lib/api';
import type { Account } from '../../lib/accounts';
import { usePageTitle, formText } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { AccountCard } from './AccountCard';

/**
 * The accounts admin page (issue 2, section 4): every account in the school with its roles, two-factor status
 * and sign-in locks (with their end); unlock, disable, invite, request resets, grant and remove roles.
 */
export function Accounts() {
  const { state, can } = useSession();
  const [q, setQ] = useState('');
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(true);
  usePageTitle('Accounts');
  const me = !state.loading ? state.session?.accountId : undefined;

  const load = useCallback(async (query: string) => {
    setBusy(true);
    setError('');
    try {
      const res = await get<{ accounts: Account[]; hasMore: boolean }>(
        `/api/accounts${query ? `?q=${encodeURIComponent(query)}` : ''}`,
      );
      setAccounts(res.accounts);
      setHasMore(res.hasMore);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load the accounts');
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => {
    void load('');
  }, [load]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const query = formText(new FormData(e.currentTarget), 'q').trim();
    setQ(query);
    void load(query);
  };

  return (
    <section>
      <h1>Accounts</h1>
      <p>
        Resets of passwords and two-factor sign-in, and the safeguarding roles (headteacher, DSL, deputy DSL),
        take effect only once the head or a DSL approves them. To invite someone without an account, open them
        in the people register.
      </p>
      <form className="filter-form" onSubmit={submit} aria-label="Search accounts">
        <div>
          <label htmlFor="accounts-q">Username or name</label>
          <input id="accounts-q" name="q" type="search" maxLength={100} />
        </div>
        <div>
          <button type="submit">Search</button>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p aria-live="polite" className="result-count">
        {busy
          ? 'Loading…'
          : `${accounts.length}${hasMore ? '+' : ''} account${accounts.length === 1 ? '' : 's'}`}
      </p>
      <ul className="account-list">
        {accounts.map((a) => (
          <AccountCard
            key={a.id}
            account={a}
            self={a.id === me}
            canAssign={can('roles.assign')}
            onChange={() => load(q)}
          />
        ))}
      </ul>
    </section>
  );
}
