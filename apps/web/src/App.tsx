import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { useSession } from './lib/session';
import { AuditTrail } from './pages/audit/AuditTrail';
import { Home } from './pages/Home';
import { SignIn } from './pages/SignIn';

export function App() {
  const { state } = useSession();
  if (state.loading) return <p aria-live="polite">Loading…</p>;
  const session = state.session;
  return (
    <Layout>
      {!session ? (
        <SignIn />
      ) : (
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/audit" element={<AuditTrail />} />
          <Route path="*" element={<h1>Page not found</h1>} />
        </Routes>
      )}
    </Layout>
  );
}
