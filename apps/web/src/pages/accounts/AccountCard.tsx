import { formText } from '../../lib/forms';
import { useState, type FormEvent } from 'react';
import { ApiError, del, post } from '../../lib/api';
import { GRANTABLE_ROLES, PENDING_LABELS, type Account } from '../../lib/accounts';
import { formatInstant } from '../../lib/people';
import { InvitePanel } from './InvitePanel';

function status(a: Account): string {
  if (a.disabled)
    return `Disabled since ${formatInstant(a.disabled.at)}${a.disabled.reason ? ` (${a.disabled.reason})` : ''}`;
  if (!a.hasPassword) return 'No password yet: invite them';
  if (a.mustChangePassword) return 'Must choose a new password at next sign-in';
  return 'Active';
}

function twoFactor(a: Account): string {
  if (!a.totp.required) return a.totp.enrolled ? 'Set up (not required)' : 'Not required';
  return a.totp.enrolled ? `Set up ${formatInstant(a.totp.enrolledAt)}` : 'Required, not set up yet';
}

/** One account on the accounts admin page: what it is, its locks, and what an administrator may do. */
export function AccountCard(props: {
  account: Account;
  self: boolean;
  canAssign: boolean;
  onChange: () => Promise<void>;
}) {
  const a = props.account;
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');
  const [inviting, setInviting] = useState(false);
  const name = a.person?.name ?? a.username;

  const act = async (what: string, run: () => Promise<unknown>) => {
    setError('');
    setNotice('');
    try {
      const res = (await run()) as { status?: string } | undefined;
      setNotice(
        res?.status === 'pending' ? `${what}: waiting for approval by the head or a DSL` : `${what}: done`,
      );
      await props.onChange();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : `${what} failed`);
    }
  };
  const url = `/api/accounts/${encodeURIComponent(a.id)}`;
  const grant = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const role = formText(new FormData(e.currentTarget), 'role');
    if (role) void act('Grant role', () => post(`${url}/roles`, { role }));
  };

  return (
    <li className="panel account" aria-labelledby={`acct-${a.id}`}>
      <h2 id={`acct-${a.id}`}>
        {name} <span className="username">({a.username})</span>
      </h2>
      <dl className="details">
        <div>
          <dt>Roles</dt>
          <dd>{a.roles.map((r) => r.label).join(', ') || 'None'}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{status(a)}</dd>
        </div>
        <div>
          <dt>Two-factor</dt>
          <dd>{twoFactor(a)}</dd>
        </div>
        <div>
          <dt>Sign-in locks</dt>
          <dd>
            {a.locks.length === 0
              ? 'None'
              : a.locks
                  .map((l) =>
                    l.scope === 'account'
                      ? `Whole account locked until ${formatInstant(l.until)}`
                      : `Locked from ${l.address ?? 'an address'} until ${formatInstant(l.until)}`,
                  )
                  .join('; ')}
          </dd>
        </div>
        <div>
          <dt>Last sign-in</dt>
          <dd>{a.lastSignInAt ? formatInstant(a.lastSignInAt) : 'Never'}</dd>
        </div>
        {a.pending.length > 0 && (
          <div>
            <dt>Waiting for approval</dt>
            <dd>
              {a.pending.map((p) => PENDING_LABELS[p.kind] + (p.role ? ` (${p.role})` : '')).join(', ')}
            </dd>
          </div>
        )}
      </dl>
      <div aria-live="polite">
        {notice && <p className="ok">{notice}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <ul className="actions">
        {a.locks.length > 0 && (
          <li>
            <button type="button" onClick={() => void act('Unlock sign-in', () => post(`${url}/unlock`))}>
              Unlock sign-in for {a.username}
            </button>
          </li>
        )}
        {!props.self && (
          <li>
            {a.disabled ? (
              <button type="button" onClick={() => void act('Enable', () => post(`${url}/enable`))}>
                Enable {a.username}
              </button>
            ) : (
              <button type="button" onClick={() => void act('Disable', () => post(`${url}/disable`, {}))}>
                Disable {a.username}
              </button>
            )}
          </li>
        )}
        {a.hasPassword && (
          <li>
            <button
              type="button"
              onClick={() => void act('Password reset', () => post(`${url}/password-reset`))}
            >
              Request a password reset
            </button>
          </li>
        )}
        {a.totp.enrolled && (
          <li>
            <button
              type="button"
              onClick={() => void act('Two-factor reset', () => post(`${url}/totp-reset`))}
            >
              Request a two-factor reset
            </button>
          </li>
        )}
        {!a.hasPassword && a.person && (
          <li>
            <button type="button" aria-expanded={inviting} onClick={() => setInviting((v) => !v)}>
              Invite {a.username}
            </button>
          </li>
        )}
      </ul>
      {inviting && a.person && <InvitePanel personId={a.person.id} kind={a.person.kind} name={name} />}
      {props.canAssign && (
        <>
          {a.roles.length > 0 && (
            <ul className="actions" aria-label={`Roles of ${a.username}`}>
              {a.roles.map((r) => (
                <li key={r.role}>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void act(`Remove ${r.label}`, () => del(`${url}/roles/${r.role}`))}
                  >
                    Remove {r.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form className="inline-form" onSubmit={grant} aria-label={`Grant a role to ${a.username}`}>
            <label htmlFor={`grant-${a.id}`}>Grant a role</label>
            <select id={`grant-${a.id}`} name="role" defaultValue="">
              <option value="">Choose a role</option>
              {GRANTABLE_ROLES.filter((r) => !a.roles.some((x) => x.role === r.role)).map((r) => (
                <option key={r.role} value={r.role}>
                  {r.label}
                  {r.safeguarding ? ' (needs approval)' : ''}
                </option>
              ))}
            </select>
            <button type="submit">Grant</button>
          </form>
        </>
      )}
    </li>
  );
}
