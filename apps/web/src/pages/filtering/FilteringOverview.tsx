import { Link } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import {
  categoryLabel,
  groupNameOf,
  safeSearchLabel,
  subjectLabel,
  useApi,
  windowLabel,
  type Dashboard,
  type FilterPolicy,
} from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { FilteringNav } from './FilteringNav';

const MODE_LABELS = { blocklist: 'Blocks its categories', allowlist: 'Approved sites only' } as const;

/**
 * The filtering overview (policy 7.3; DfE standards 1 and 2): what the live policy does per group (categories,
 * safe search, schedules), what is waiting, and every self-test check still failing, in red.
 */
export function FilteringOverview() {
  usePageTitle('Filtering');
  const { can } = useSession();
  const policy = useApi<FilterPolicy>('/api/filtering/policy');
  const dash = useApi<Dashboard>('/api/filtering/dashboard');
  const p = policy.data;
  const d = dash.data;
  return (
    <section>
      <h1>Filtering</h1>
      <FilteringNav />
      <ErrorMessage text={policy.error || dash.error} />
      {d && (
        <div className="panel">
          <h2>At a glance</h2>
          <ul>
            <li>
              Policy version {p?.policyVersion ?? 'none yet'}.{' '}
              <Link to="/filtering/changes">
                {d.evidence.pendingChanges} change request{d.evidence.pendingChanges === 1 ? '' : 's'} waiting
                for a decision
              </Link>
              .
            </li>
            {can('filtering.reports') && (
              <li>
                <Link to="/filtering/reports">
                  {d.openReports} open block-page report{d.openReports === 1 ? '' : 's'}
                </Link>
                .
              </li>
            )}
            <li>
              {d.selfTest.lastTest ? (
                <>
                  Last self-test {formatInstant(d.selfTest.lastTest.at)} by {d.selfTest.lastTest.by}:{' '}
                  <span className={d.selfTest.lastTest.passed ? 'ok' : 'error'}>
                    {d.selfTest.lastTest.passed
                      ? 'every check passed'
                      : `${d.selfTest.lastTest.failures} of ${d.selfTest.lastTest.checks} checks failed`}
                  </span>
                  .
                </>
              ) : (
                'The self-test has not been run yet.'
              )}{' '}
              <Link to="/filtering/self-test">Self-test</Link>
            </li>
          </ul>
          {d.selfTest.failing.length > 0 && (
            <div className="failing" role="region" aria-label="Failing self-test checks">
              <h3 className="error">Failing until a later self-test passes</h3>
              <ul>
                {d.selfTest.failing.map((f) => (
                  <li key={`${f.groupId}|${f.subject}`} className="error">
                    {groupNameOf(p?.groups ?? [], f.groupId)}: {subjectLabel(f.subject)}
                    {f.name ? ` (${f.name} was ${f.observed})` : ''}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {p && p.groups.length === 0 && (
        <p>
          No filtering groups yet.{' '}
          {can('filtering.propose') && <Link to="/filtering/changes/new">Propose the first groups</Link>}
        </p>
      )}
      {p && p.groups.length > 0 && (
        <>
          <h2>Groups</h2>
          <DataTable
            label="Filtering groups"
            caption="Filtering groups and what each blocks"
            columns={['Group', 'Clients', 'Mode', 'Blocked categories', 'Safe search']}
          >
            {p.groups.map((g) => (
              <tr key={g.id}>
                <th scope="row">
                  {g.name}
                  {g.isDefault && <span className="hint">Default for unknown clients</span>}
                  {g.aupOnly && <span className="hint">Visitor AUP first</span>}
                </th>
                <td>
                  {g.subnets.length === 0 && !g.resolverAddress
                    ? 'None listed'
                    : [...g.subnets, ...(g.resolverAddress ? [`resolver ${g.resolverAddress}`] : [])].map(
                        (c) => (
                          <span key={c} className="nowrap">
                            {c}
                          </span>
                        ),
                      )}
                </td>
                <td>{MODE_LABELS[g.mode]}</td>
                <td>{g.blockedCategories.map(categoryLabel).join(', ')}</td>
                <td>{safeSearchLabel(g.safeSearch)}</td>
              </tr>
            ))}
          </DataTable>
          <h2>Schedules</h2>
          {p.schedules.length === 0 ? (
            <p>No scheduled rules.</p>
          ) : (
            <DataTable
              label="Scheduled rules"
              caption="Rules that apply only in their time windows"
              columns={['Rule', 'Group', 'Effect', 'Applies to', 'When']}
            >
              {p.schedules.map((s) => (
                <tr key={s.id}>
                  <td>{s.label}</td>
                  <td>{groupNameOf(p.groups, s.groupId)}</td>
                  <td>{s.effect === 'allow' ? 'Allows' : 'Blocks'}</td>
                  <td className="break">{[...s.categories.map(categoryLabel), ...s.domains].join(', ')}</td>
                  <td>{s.windows.map(windowLabel).join('; ')}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <h2>Settings</h2>
          <dl className="details">
            <div>
              <dt>Blocked names answer</dt>
              <dd>
                {p.settings.blockAnswer.mode === 'block-page'
                  ? `The block page (${[...p.settings.blockAnswer.ipv4, ...p.settings.blockAnswer.ipv6].join(', ')})`
                  : 'NXDOMAIN (no such name)'}
              </dd>
            </div>
            <div>
              <dt>Staff social media</dt>
              <dd>
                {p.settings.staffSocialMedia.mode === 'break-times'
                  ? `Break times only: ${p.settings.staffSocialMedia.breakTimes.map(windowLabel).join('; ')}`
                  : p.settings.staffSocialMedia.mode === 'always'
                    ? 'Allowed'
                    : 'Never in school'}
              </dd>
            </div>
            <div>
              <dt>Query log kept</dt>
              <dd>{p.settings.queryLogRetentionDays} days</dd>
            </div>
          </dl>
          <p>
            <a href="/api/filtering/block-page/ca" download>
              Download the block page’s certificate authority
            </a>{' '}
            <span className="hint">
              Your IT provider deploys it to school devices so the block page shows for HTTPS sites.
            </span>
          </p>
        </>
      )}
    </section>
  );
}
