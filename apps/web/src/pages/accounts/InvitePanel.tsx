import { useState, type FormEvent } from 'react';
import { post } from '../../lib/api';
import { useFormErrors } from '../../lib/forms';
import { GRANTABLE_ROLES } from '../../lib/accounts';

/**
 * Makes an invitation link for a person (clarification 10: valid 7 days). Pupils, parents and visitors get the
 * role of their kind; staff start with the roles ticked here (safeguarding roles come later, with approval).
 * The link is shown once: give it to the person, or have it emailed.
 */
export function InvitePanel({ personId, kind, name }: { personId: string; kind: string; name: string }) {
  const [link, setLink] = useState<{ link: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(() => `invite-${personId}-roles`);
  const staff = kind === 'staff';

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const roles = form.getAll('roles').map(String);
    setBusy(true);
    errors.clear();
    try {
      setLink(
        await post<{ link: string; expiresAt: string }>(
          `/api/people/${encodeURIComponent(personId)}/invitation`,
          {
            ...(staff ? { roles } : {}),
            email: form.get('email') === 'on',
          },
        ),
      );
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  if (link)
    return (
      <div className="panel" role="status">
        <h3>Invitation link</h3>
        <p>
          Give this link to {name}. It works once, until{' '}
          {new Date(link.expiresAt).toLocaleDateString('en-GB')}, and is not shown again.
        </p>
        <label htmlFor={`invite-link-${personId}`}>Invitation link</label>
        <input
          id={`invite-link-${personId}`}
          readOnly
          value={link.link}
          onFocus={(e) => e.currentTarget.select()}
        />
      </div>
    );
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-label={`Invite ${name}`}>
      <h3>Invite to Harbour</h3>
      <p>{name} has no Harbour account yet. An invitation link lets them choose a username and password.</p>
      {errors.summary}
      {staff && (
        <fieldset id={`invite-${personId}-roles`}>
          <legend>Roles to start with</legend>
          {GRANTABLE_ROLES.filter((r) => !r.safeguarding).map((r) => (
            <label className="checkbox" key={r.role}>
              <input type="checkbox" name="roles" value={r.role} defaultChecked={r.role === 'teacher'} />{' '}
              {r.label}
            </label>
          ))}
          <small className="hint">Headteacher, DSL and deputy DSL are granted later, with approval.</small>
        </fieldset>
      )}
      <label className="checkbox">
        <input type="checkbox" name="email" /> Also email the link to their address on the register
      </label>
      <button type="submit" disabled={busy}>
        Create invitation link
      </button>
    </form>
  );
}
