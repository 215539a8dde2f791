import { Route, Routes, matchPath, useLocation } from 'react-router-dom';
import { Layout } from './components/Layout';
import { useSession } from './lib/session';
import { Accounts } from './pages/accounts/Accounts';
import { Approvals } from './pages/accounts/Approvals';
import { AuditTrail } from './pages/audit/AuditTrail';
import { ChangePassword } from './pages/auth/ChangePassword';
import { EnrolTotp } from './pages/auth/EnrolTotp';
import { Invitation } from './pages/auth/Invitation';
import { LockScreen } from './pages/auth/LockScreen';
import { SecondFactor } from './pages/auth/SecondFactor';
import { AccessRegister } from './pages/compliance/AccessRegister';
import { Agreements } from './pages/compliance/Agreements';
import { Checklists } from './pages/compliance/Checklists';
import { Consents } from './pages/compliance/Consents';
import { ConsentImport } from './pages/compliance/ConsentImport';
import { PupilConsentPage } from './pages/compliance/PupilConsentPage';
import { PolicySettings } from './pages/compliance/PolicySettings';
import { Dashboard } from './pages/compliance/Dashboard';
import { Devices } from './pages/compliance/Devices';
import { GovernorReport } from './pages/compliance/GovernorReport';
import { Phones } from './pages/compliance/Phones';
import { Policy } from './pages/compliance/Policy';
import { PolicyVersionPage } from './pages/compliance/PolicyVersionPage';
import { ReviewDetail } from './pages/compliance/ReviewDetail';
import { Reviews } from './pages/compliance/Reviews';
import { RiskDetail } from './pages/compliance/RiskDetail';
import { RiskList } from './pages/compliance/RiskList';
import { Training } from './pages/compliance/Training';
import { ChangeDetail } from './pages/filtering/ChangeDetail';
import { ChangeList } from './pages/filtering/ChangeList';
import { ChangeNew } from './pages/filtering/ChangeNew';
import { EmergencyUnblock } from './pages/filtering/EmergencyUnblock';
import { FilteringLists } from './pages/filtering/FilteringLists';
import { ListHistory } from './pages/filtering/ListHistory';
import { FilteringOverview } from './pages/filtering/FilteringOverview';
import { FilterReports } from './pages/filtering/FilterReports';
import { QueryLog } from './pages/filtering/QueryLog';
import { ResolverNodes } from './pages/filtering/ResolverNodes';
import { SelfTest, SelfTestRecord } from './pages/filtering/SelfTest';
import { TrustBaseline } from './pages/filtering/TrustBaseline';
import { Home } from './pages/Home';
import { AlertDetail } from './pages/monitoring/AlertDetail';
import { AlertsList } from './pages/monitoring/AlertsList';
import { MonitoringImport } from './pages/monitoring/MonitoringImport';
import { MonitoringLibrary } from './pages/monitoring/MonitoringLibrary';
import { MonitoringSources } from './pages/monitoring/MonitoringSources';
import { ImportPeople } from './pages/people/ImportPeople';
import { LeaversReport } from './pages/people/LeaversReport';
import { PeopleSearch } from './pages/people/PeopleSearch';
import { PersonForm } from './pages/people/PersonForm';
import { PersonPage } from './pages/people/PersonPage';
import { SignIn } from './pages/SignIn';
import { Agencies } from './pages/concerns/Agencies';
import { Chronology } from './pages/concerns/Chronology';
import { ConcernList } from './pages/concerns/ConcernList';
import { ConcernPage } from './pages/concerns/ConcernPage';
import { Dashboard as ConcernDashboard } from './pages/concerns/Dashboard';
import { RecordConcern } from './pages/concerns/RecordConcern';
import { Retention } from './pages/concerns/Retention';
import { Trends } from './pages/concerns/Trends';
import { Worried } from './pages/concerns/Worried';

export function App() {
  const { state } = useSession();
  const location = useLocation();
  if (state.loading) return <p aria-live="polite">Loading…</p>;
  const session = state.session;
  // Invitation links work signed in or not; every other page waits until sign-in is complete. The steps of
  // signing in and the lock screen take the page's place without changing the address, so it comes back after.
  const invite = matchPath('/invite/:token', location.pathname);
  return (
    <Layout>
      {invite ? (
        <Invitation token={invite.params.token ?? ''} />
      ) : !session ? (
        <SignIn />
      ) : session.state === 'needs_totp' ? (
        <SecondFactor />
      ) : session.state === 'needs_enrolment' ? (
        <EnrolTotp />
      ) : session.state === 'needs_password' ? (
        <ChangePassword forced />
      ) : session.state === 'locked' ? (
        <LockScreen />
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
          <Route path="/accounts" element={<Accounts />} />
          <Route path="/approvals" element={<Approvals />} />
          <Route path="/account/password" element={<ChangePassword />} />
          <Route path="/concerns" element={<ConcernList />} />
          <Route path="/concerns/new" element={<RecordConcern />} />
          <Route path="/concerns/dashboard" element={<ConcernDashboard />} />
          <Route path="/concerns/trends" element={<Trends />} />
          <Route path="/concerns/agencies" element={<Agencies />} />
          <Route path="/concerns/trust-agencies" element={<Agencies trust />} />
          <Route path="/concerns/retention" element={<Retention />} />
          <Route path="/people/:id/chronology" element={<Chronology />} />
          <Route path="/concerns/:id" element={<ConcernPage />} />
          <Route path="/worried" element={<Worried />} />
          <Route path="/filtering" element={<FilteringOverview />} />
          <Route path="/filtering/lists" element={<FilteringLists />} />
          <Route path="/filtering/lists/:id" element={<ListHistory />} />
          <Route path="/filtering/changes" element={<ChangeList />} />
          <Route path="/filtering/changes/new" element={<ChangeNew />} />
          <Route path="/filtering/changes/:id" element={<ChangeDetail />} />
          <Route path="/filtering/baseline" element={<TrustBaseline />} />
          <Route path="/filtering/unblock" element={<EmergencyUnblock />} />
          <Route path="/filtering/reports" element={<FilterReports />} />
          <Route path="/filtering/self-test" element={<SelfTest />} />
          <Route path="/filtering/self-tests/:id" element={<SelfTestRecord />} />
          <Route path="/filtering/query-log" element={<QueryLog />} />
          <Route path="/compliance" element={<Dashboard />} />
          <Route path="/compliance/checklists" element={<Checklists />} />
          <Route path="/compliance/reviews" element={<Reviews />} />
          <Route path="/compliance/reviews/:id" element={<ReviewDetail />} />
          <Route path="/compliance/governor-report" element={<GovernorReport />} />
          <Route path="/aup" element={<Agreements />} />
          <Route path="/phones" element={<Phones />} />
          <Route path="/training" element={<Training />} />
          <Route path="/access" element={<AccessRegister />} />
          <Route path="/devices" element={<Devices />} />
          <Route path="/consents" element={<Consents />} />
          <Route path="/consents/import" element={<ConsentImport />} />
          <Route path="/consents/pupils/:id" element={<PupilConsentPage />} />
          <Route path="/risk" element={<RiskList />} />
          <Route path="/risk/:id" element={<RiskDetail />} />
          <Route path="/policy" element={<Policy />} />
          <Route path="/policy/settings" element={<PolicySettings />} />
          <Route path="/policy/versions/:id" element={<PolicyVersionPage />} />
          <Route path="/filtering/nodes" element={<ResolverNodes />} />
          <Route path="/monitoring" element={<AlertsList />} />
          <Route path="/monitoring/alerts/:id" element={<AlertDetail />} />
          <Route path="/monitoring/sources" element={<MonitoringSources />} />
          <Route path="/monitoring/library" element={<MonitoringLibrary />} />
          <Route path="/monitoring/import" element={<MonitoringImport />} />
          <Route path="*" element={<h1>Page not found</h1>} />
        </Routes>
      )}
    </Layout>
  );
}
