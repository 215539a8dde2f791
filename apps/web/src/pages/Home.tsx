import { Link } from 'react-router-dom';
import { useSession } from '../lib/session';

/** Shows the signed-in person what they can do here, from their permissions. */
export function Home() {
  const { state, can } = useSession();
  const session = !state.loading ? state.session : null;
  if (!session) return null;
  return (
    <section>
      <h1>Welcome, {session.username}</h1>
      <p>
        You are signed in at {session.school?.name ?? 'no school'} as{' '}
        {session.roles.map((r) => r.label).join(', ') || 'a user with no role'}.
      </p>
      <h2>What you can do</h2>
      <ul className="tiles">
        {can('people.read') && (
          <li>
            <Link to="/people">Find people in the register</Link>
          </li>
        )}
        {can('people.import') && (
          <li>
            <Link to="/people/import">Import people from your MIS</Link>
          </li>
        )}
        {can('audit.read') && (
          <li>
            <Link to="/audit">Browse the audit trail</Link>
          </li>
        )}
      </ul>
    </section>
  );
}
