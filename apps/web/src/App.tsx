import { Route, Routes } from 'react-router-dom';
import { Layout } from './components/Layout';
import { useSession } from './lib/session';
import { AuditTrail } from './pages/audit/AuditTrail';
import { Home } from './pages/Home';
import { ImportPeople } from './pages/people/ImportPeople';
import { LeaversReport } from './pages/people/LeaversReport';
import { PeopleSearch } from './pages/people/PeopleSearch';
import { PersonForm } from './pages/people/PersonForm';
import { PersonPage } from './pages/people/PersonPage';
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
          <Route path="/people" element={<PeopleSearch />} />
          <Route path="/people/new" element={<PersonForm mode="create" />} />
          <Route path="/people/import" element={<ImportPeople />} />
          <Route path="/people/leavers" element={<LeaversReport />} />
          <Route path="/people/:id" element={<PersonPage />} />
          <Route path="/people/:id/edit" element={<PersonForm mode="edit" />} />
          <Route path="/audit" element={<AuditTrail />} />
          <Route path="*" element={<h1>Page not found</h1>} />
        </Routes>
      )}
    </Layout>
  );
}
