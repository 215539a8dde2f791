import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import {
  errorText,
  groupNameOf,
  subjectLabel,
  useApi,
  type FilterGroup,
  type FilterPolicy,
  type SelfTestResult,
  type SelfTestSummary,
} from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { FilteringNav } from './FilteringNav';

const OBSERVED: Record<string, string> = {
  block: 'Blocked',
  allow: 'Allowed',
  rewrite: 'Safe search',
  error: 'No answer',
  'not-tested': 'Not tested',
};

/** Every check of one self-test; a failing check is shown in red with its words, not colour alone. */
function Results({ results, groups }: { results: SelfTestResult[]; groups: FilterGroup[] }) {
  const failing = results.filter((r) => !r.pass);
  return (
    <>
      <p className={failing.length ? 'error' : 'ok'}>
        {failing.length
          ? `${failing.length} of ${results.length} checks failed.`
          : `All ${results.length} checks passed.`}
      </p>
      <DataTable
        label="Self-test results"
        caption="Self-test results per group and check"
        columns={['Group', 'Check', 'Name', 'Expected', 'Resolver said', 'Result']}
      >
        {results.map((r, i) => (
          <tr key={i} className={r.pass ? undefined : 'failed'}>
            <td>{groupNameOf(groups, r.groupId)}</td>
            <td>{subjectLabel(r.subject)}</td>
            <td className="break">{r.name}</td>
            <td>{OBSERVED[r.expected] ?? r.expected}</td>
            <td className="break">
              {OBSERVED[r.observed] ?? r.observed}
              {r.answer && <span className="hint">{r.answer}</span>}
            </td>
            <td>{r.pass ? 'Pass' : <strong>Fail</strong>}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/**
 * The self-test (DfE standard 2; SWGfL Test Filtering): resolves sample names of every category and the
 * safe-search names through the running resolver as each group, and keeps the record.
 */
export function SelfTest() {
  usePageTitle('Filtering self-test');
  const { can } = useSession();
  const history = useApi<{ tests: SelfTestSummary[] }>('/api/filtering/self-tests');
  const policy = useApi<FilterPolicy>('/api/filtering/policy');
  const [run, setRun] = useState<{ id: string; results: SelfTestResult[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  const start = async () => {
    setBusy(true);
    setProblem('');
    try {
      const res = await post<{ test: { id: string; results: SelfTestResult[] } }>(
        '/api/filtering/self-tests',
        {},
      );
      setRun(res.test);
      await history.reload();
    } catch (err) {
      setProblem(errorText(err, 'The self-test could not run'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>Self-test</h1>
      <FilteringNav />
      <p>
        Asks the running resolver, as each group, for sample names from every category and for the search
        engines, and checks each answer against the policy. Pupils must never reach a UKSIC category.
      </p>
      {can('filtering.propose') && (
        <button type="button" onClick={() => void start()} disabled={busy}>
          {busy ? 'Testing…' : 'Run the self-test now'}
        </button>
      )}
      <ErrorMessage text={problem || history.error} />
      <div aria-live="polite">
        {run && (
          <div className="panel">
            <h2>This run</h2>
            <Results results={run.results} groups={policy.data?.groups ?? []} />
          </div>
        )}
      </div>
      <h2>Earlier runs</h2>
      {history.data?.tests.length === 0 && <p>The self-test has not been run yet.</p>}
      {history.data && history.data.tests.length > 0 && (
        <DataTable
          label="Self-test runs"
          caption="Self-test runs, newest first"
          columns={['When', 'By', 'Policy version', 'Result']}
        >
          {history.data.tests.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={`/filtering/self-tests/${t.id}`}>{formatInstant(t.startedAt)}</Link>
              </td>
              <td>
                {t.by} ({t.via === 'cli' ? 'command line' : 'web'})
              </td>
              <td>{t.policyVersion ?? ''}</td>
              <td className={t.passed ? 'ok' : 'error'}>
                {t.passed ? `Passed (${t.checks} checks)` : `${t.failures} of ${t.checks} failed`}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

/** One recorded self-test: when, who, what was tested and every result. */
export function SelfTestRecord() {
  const { id = '' } = useParams();
  const { data, error } = useApi<{ test: SelfTestSummary; results: SelfTestResult[] }>(
    `/api/filtering/self-tests/${encodeURIComponent(id)}`,
  );
  const policy = useApi<FilterPolicy>('/api/filtering/policy');
  usePageTitle('Self-test record');
  return (
    <section>
      <h1>Self-test record</h1>
      <FilteringNav />
      <ErrorMessage text={error} />
      {data && (
        <>
          <dl className="details">
            <div>
              <dt>When</dt>
              <dd>{formatInstant(data.test.startedAt)}</dd>
            </div>
            <div>
              <dt>By</dt>
              <dd>
                {data.test.by} ({data.test.via === 'cli' ? 'command line' : 'web'})
              </dd>
            </div>
            <div>
              <dt>Resolver</dt>
              <dd>{data.test.resolver}</dd>
            </div>
            <div>
              <dt>Policy version</dt>
              <dd>{data.test.policyVersion ?? ''}</dd>
            </div>
          </dl>
          <Results results={data.results} groups={policy.data?.groups ?? []} />
        </>
      )}
      <p>
        <Link to="/filtering/self-test">All self-tests</Link>
      </p>
    </section>
  );
}
