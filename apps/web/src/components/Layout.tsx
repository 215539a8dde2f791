import { useRef, useState, type ReactNode } from 'react';
import { Link, NavLink } from 'react-router-dom';
import { post } from '../lib/api';
import { useSession } from '../lib/session';
import { useComplianceHome, useHasCompliance } from '../pages/compliance/ComplianceNav';
import { useConcernsHome } from '../pages/concerns/ConcernsNav';

/** CEOP's public reporting page: every page links to it (policy 9.2, product brief). */
export const CEOP_URL = 'https://www.ceop.police.uk/Safety-Centre/';

export function Layout({ children }: { children: ReactNode }) {
  const { state, reload, can } = useSession();
  const hasCompliance = useHasCompliance();
  const complianceHome = useComplianceHome();
  const concernsHome = useConcernsHome();
  const [blank, setBlank] = useState(false);
  const session = !state.loading ? state.session : null;
  const lockNow = async () => {
    await post('/api/auth/lock');
    await reload();
  };
  const signOut = async () => {
    await post('/api/auth/sign-out');
    await reload();
  };
  const blankButton = useRef<HTMLButtonElement>(null);
  // Blanking is visual only (clarification 9): the page stays as it was underneath, out of reach until shown.
  const unblank = () => {
    setBlank(false);
    window.setTimeout(() => blankButton.current?.focus(), 0);
  };
  return (
    <>
      {blank && (
        <button
          type="button"
          className="blank-screen"
          onClick={unblank}
          onKeyDown={(e) => e.key === 'Escape' && unblank()}
          autoFocus
        >
          <span className="visually-hidden">Screen blanked. Press Enter to show Harbour again.</span>
        </button>
      )}
      <div className="page" inert={blank} aria-hidden={blank || undefined}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link to="/" className="brand">
            Harbour
          </Link>
          {session?.school && <span className="school-name">{session.school.name}</span>}
          <nav aria-label="Main">
            {session?.state === 'active' && (
              <ul>
                <li>
                  <NavLink to="/">Home</NavLink>
                </li>
                {concernsHome && (
                  <li>
                    <NavLink to={concernsHome}>Concerns</NavLink>
                  </li>
                )}
                {can('concerns.tell') && (
                  <li>
                    <NavLink to="/worried">I’m worried</NavLink>
                  </li>
                )}
                {can('people.read') && (
                  <li>
                    <NavLink to="/people" end>
                      People
                    </NavLink>
                  </li>
                )}
                {can('people.import') && (
                  <li>
                    <NavLink to="/people/import">Import</NavLink>
                  </li>
                )}
                {can('filtering.read') && (
                  <li>
                    <NavLink to="/filtering">Filtering</NavLink>
                  </li>
                )}
                {(can('monitoring.read') || can('monitoring.sources')) && (
                  <li>
                    <NavLink to={can('monitoring.read') ? '/monitoring' : '/monitoring/sources'}>
                      Monitoring
                    </NavLink>
                  </li>
                )}
                {hasCompliance && (
                  <li>
                    <NavLink to={complianceHome}>Compliance</NavLink>
                  </li>
                )}
                {can('audit.read') && (
                  <li>
                    <NavLink to="/audit">Audit trail</NavLink>
                  </li>
                )}
                {can('accounts.admin') && (
                  <li>
                    <NavLink to="/accounts">Accounts</NavLink>
                  </li>
                )}
                {can('accounts.approve') && (
                  <li>
                    <NavLink to="/approvals">Approvals</NavLink>
                  </li>
                )}
                <li>
                  <NavLink to="/account/password">Password</NavLink>
                </li>
              </ul>
            )}
          </nav>
          <div className="header-actions">
            <a className="ceop" href={CEOP_URL} target="_blank" rel="noreferrer">
              Report to CEOP<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
            <button type="button" ref={blankButton} onClick={() => setBlank(true)}>
              Blank screen
            </button>
            {session && session.state === 'active' && (
              <button type="button" onClick={() => void lockNow()}>
                Lock screen
              </button>
            )}
            {session && (
              <button type="button" onClick={() => void signOut()}>
                Sign out
              </button>
            )}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
