import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { get, onAuthProblem, setCsrfToken } from './api';

export interface Session {
  signedIn: true;
  username: string;
  accountId: string;
  personId: string | null;
  state: 'active' | 'needs_totp' | 'needs_enrolment' | 'needs_password' | 'locked';
  csrfToken: string;
  idleMinutes: number;
  totpEnrolled: boolean;
  totpRequired: boolean;
  passwordRule: PasswordRule;
  school: { id: string; name: string } | null;
  schools: { id: string; name: string }[];
  roles: { role: string; label: string }[];
  permissions: string[];
}
export interface PasswordRule {
  kind: 'adult' | 'pupil';
  minLength: number;
  minScore: number;
}

/** The rule in words, shown beside every new-password field (policy 7.2). */
export function passwordHint(rule: PasswordRule): string {
  return rule.kind === 'pupil'
    ? `At least ${rule.minLength} characters, and not a common password.`
    : `At least ${rule.minLength} characters, hard to guess, and not a common password: three or four unrelated words work well.`;
}

type SessionState = { loading: true } | { loading: false; session: Session | null };

interface SessionApi {
  state: SessionState;
  reload: () => Promise<void>;
  can: (permission: string) => boolean;
}

const Ctx = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ loading: true });
  const reload = useCallback(async () => {
    try {
      const s = await get<Session | { signedIn: false }>('/api/session', { passive: true });
      if (s.signedIn) setCsrfToken(s.csrfToken);
      setState({ loading: false, session: s.signedIn ? s : null });
    } catch {
      setState({ loading: false, session: null });
    }
  }, []);
  useEffect(() => {
    void reload();
    return onAuthProblem(() => void reload());
  }, [reload]);
  useIdleWatch(state, setState);
  const can = (p: string) => !state.loading && !!state.session?.permissions.includes(p);
  return <Ctx.Provider value={{ state, reload, can }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

const WATCH_MS = 30_000;

/**
 * The idle lock is the server's (clarification 9); this keeps the page in step with it. Every 30 s the app
 * asks for the session: after keyboard or pointer use it is an ordinary request (the server counts it as
 * activity), otherwise a passive one that does not. When the server answers locked or signed out, the lock
 * screen or sign-in shows at once, on the same address, so unlocking returns to the same page.
 */
function useIdleWatch(state: SessionState, setState: (s: SessionState) => void) {
  const active = useRef(false);
  const signedIn = !state.loading && !!state.session;
  useEffect(() => {
    if (!signedIn) return;
    const mark = () => {
      active.current = true;
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    events.forEach((e) => window.addEventListener(e, mark, { passive: true }));
    const timer = window.setInterval(() => {
      const passive = !active.current;
      active.current = false;
      get<Session | { signedIn: false }>('/api/session', { passive })
        .then((s) => {
          // Only a lock or an ending is taken from here: other changes (e.g. finishing enrolment while the
          // recovery codes are on screen) are the page's to act on.
          if (!s.signedIn) setState({ loading: false, session: null });
          else if (s.state === 'locked') setState({ loading: false, session: s });
        })
        .catch(() => undefined);
    }, WATCH_MS);
    return () => {
      window.clearInterval(timer);
      events.forEach((e) => window.removeEventListener(e, mark));
    };
  }, [signedIn, setState]);
}
