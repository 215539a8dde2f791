import { useState } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { longDate } from '../../lib/compliance';
import { useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { ComplianceNav } from './ComplianceNav';

interface Count {
  category: string;
  count: string;
}
interface Report {
  school: string;
  term: { key: string; label: string; from: string; to: string };
  concerns: { raised: string; closed: string; openOver30Days: string; byCategory: Count[] } | null;
  filtering: Record<string, string> & { blockedByCategory: Count[] };
  monitoring: { alertsTriaged: string; untriagedOverdue: string; byCategory: Count[] } | null;
  compliance: { items: { section: string; commitment: string; status: string; figure: string }[] };
  actions: { title: string; owner: string | null; dueOn: string | null; status: string }[];
}

/** The last six terms, newest first ("2026-autumn"). */
function recentTerms(today = new Date()): { key: string; label: string }[] {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + 1;
  let term: [number, 'autumn' | 'spring' | 'summer'] = [y, m >= 9 ? 'autumn' : m >= 4 ? 'summer' : 'spring'];
  const out = [];
  for (let i = 0; i < 6; i++) {
    const [ty, t] = term;
    out.push({ key: `${ty}-${t}`, label: `${t[0]!.toUpperCase()}${t.slice(1)} term ${ty}` });
    term = t === 'autumn' ? [ty, 'summer'] : t === 'summer' ? [ty, 'spring'] : [ty - 1, 'autumn'];
  }
  return out;
}

/** The termly governor report (policy 1.3.2): a preview and the PDF. Counts only; 1-2 read "fewer than 3". */
export function GovernorReport() {
  usePageTitle('Governor report');
  const terms = recentTerms();
  const [term, setTerm] = useState(terms[0]!.key);
  const { data, error } = useApi<Report>(`/api/compliance/governor-report?term=${term}`);
  const f = data?.filtering;
  return (
    <section>
      <h1>Governor report</h1>
      <ComplianceNav />
      <div className="inline-form">
        <label htmlFor="report-term">Term</label>
        <select id="report-term" value={term} onChange={(e) => setTerm(e.target.value)}>
          {terms.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <ErrorMessage text={error} />
      {data && f && (
        <>
          <p>
            {data.term.label}: {longDate(data.term.from)} to {longDate(data.term.to)}. Counts only: no pupil
            is named, and any count of 1 or 2 is shown as “fewer than 3”.
          </p>
          <p>
            <a href={`/api/compliance/governor-report.pdf?term=${data.term.key}`}>
              Download the report as a PDF ({data.term.label})
            </a>
          </p>
          <h2>Concerns</h2>
          {data.concerns ? (
            <p>
              Raised: {data.concerns.raised}. Closed: {data.concerns.closed}. Open over 30 days:{' '}
              {data.concerns.openOver30Days}.
            </p>
          ) : (
            <p>Concerns are not yet recorded in Harbour.</p>
          )}
          <h2>Filtering and monitoring</h2>
          <DataTable
            label="Filtering activity"
            caption="Filtering activity this term"
            columns={['Activity', 'Count']}
          >
            <tr>
              <td>Approved changes</td>
              <td>{f.changesApplied}</td>
            </tr>
            <tr>
              <td>Emergency unblocks</td>
              <td>{f.emergencyUnblocks}</td>
            </tr>
            <tr>
              <td>Self-tests run</td>
              <td>{f.selfTests}</td>
            </tr>
            <tr>
              <td>Requests blocked</td>
              <td>{f.blockedRequests}</td>
            </tr>
            {f.blockedByCategory.map((c) => (
              <tr key={c.category}>
                <td>Blocked: {c.category}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </DataTable>
          {!data.monitoring && <p>Monitoring alerts are not yet recorded in Harbour.</p>}
          <h2>Compliance status</h2>
          <DataTable
            label="Compliance status"
            caption="Compliance status"
            columns={['Section', 'Commitment', 'Status', 'Evidence']}
          >
            {data.compliance.items.map((i) => (
              <tr key={i.commitment}>
                <td>{i.section}</td>
                <td>{i.commitment}</td>
                <td>{i.status}</td>
                <td>{i.figure}</td>
              </tr>
            ))}
          </DataTable>
          <h2>Actions</h2>
          {data.actions.length === 0 ? (
            <p>No open actions.</p>
          ) : (
            <DataTable label="Actions" caption="Actions" columns={['Action', 'Owner', 'Due', 'Status']}>
              {data.actions.map((a, i) => (
                <tr key={i}>
                  <td>{a.title}</td>
                  <td>{a.owner ?? '—'}</td>
                  <td>{longDate(a.dueOn)}</td>
                  <td>{a.status}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
