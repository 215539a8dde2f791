import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { get, onAuthProblem, setCsrfToken } from './api';

export interface Session {
  signedIn: true;
  username: string;
  accountId: string;
  personId: string | null;
  state: 'active' | 'needs_totp' | 'needs_enrolment' | 'locked';
  csrfToken: string;
  idleMinutes: number;
  totpEnrolled: boolean;
  school: { id: string; name: string } | null;
  schools: { id: string; name: string }[];
  roles: { role: string; label: string }[];
  permissions: string[];
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
  const can = (p: string) => !state.loading && !!state.session?.permissions.includes(p);
  return <Ctx.Provider value={{ state, reload, can }}>{children}</Ctx.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
