import { Link } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { categoryLabel } from '../../lib/concerns';
import { useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatDay, formatInstant } from '../../lib/people';
import { ConcernsNav } from './ConcernsNav';
import { useStaffNames } from './useNames';

interface DashboardData {
  totals: {
    new: number;
    open: number;
    overdueActions: number;
    overdueReferrals: number;
    concernsWithOverdueSteps: number;
  };
  byCategory: { category: string; label: string; new: number; open: number }[];
  newest: {
    id: string;
    category: string;
    categoryLabel: string;
    recordedAt: string;
    occurredAt: string;
    source: string;
    restricted: boolean;
  }[];
  overdueActions: {
    id: string;
    concernId: string;
    category: string;
    assigneePersonId: string;
    dueOn: string;
  }[];
  overdueReferrals: {
    id: string;
    concernId: string;
    category: string;
    agencyName: string;
    responseDueOn: string;
  }[];
  overdueSteps: { concernId: string; category: string; steps: number; oldestDueAt: string }[];
}
interface Notice {
  id: string;
  subject: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

/** The DSL's dashboard (issue 3): alerts, new and open concerns by category, and everything overdue. */
export function Dashboard() {
  usePageTitle('Concerns dashboard');
  const { data, error } = useApi<DashboardData>('/api/concerns/dashboard');
  const alerts = useApi<{ notifications: Notice[] }>('/api/notifications?unread=1');
  const { name } = useStaffNames(true);
  const concernAlerts = (alerts.data?.notifications ?? []).filter((n) => n.link?.startsWith('/concerns/'));
  return (
    <section>
      <h1>Concerns dashboard</h1>
      <ConcernsNav />
      <ErrorMessage text={error} />
      <section aria-labelledby="alerts-heading" className="panel">
        <h2 id="alerts-heading">Alerts</h2>
        {concernAlerts.length === 0 ? (
          <p>No unread alerts.</p>
        ) : (
          <ul aria-label="Unread alerts">
            {concernAlerts.map((n) => (
              <li key={n.id}>
                <Link
                  to={n.link!}
                  onClick={() => void post(`/api/notifications/${n.id}/read`).catch(() => undefined)}
                >
                  {n.subject}
                </Link>{' '}
                ({formatInstant(n.createdAt)})
              </li>
            ))}
          </ul>
        )}
      </section>
      {data && (
        <>
          <ul className="tiles" aria-label="Totals">
            <li>
              <Link to="/concerns?status=new">{data.totals.new} new</Link>
            </li>
            <li>
              <Link to="/concerns?status=open">{data.totals.open} open</Link>
            </li>
            <li className={data.totals.overdueActions ? 'failing' : undefined}>
              {data.totals.overdueActions} overdue actions
            </li>
            <li className={data.totals.overdueReferrals ? 'failing' : undefined}>
              {data.totals.overdueReferrals} referrals without a reply
            </li>
            <li className={data.totals.concernsWithOverdueSteps ? 'failing' : undefined}>
              {data.totals.concernsWithOverdueSteps} concerns with overdue steps
            </li>
          </ul>
          <h2>By category</h2>
          {data.byCategory.length === 0 ? (
            <p>No new or open concerns.</p>
          ) : (
            <DataTable
              label="New and open concerns by category"
              caption="New and open concerns by category"
              columns={['Category', 'New', 'Open']}
            >
              {data.byCategory.map((r) => (
                <tr key={r.category}>
                  <td>
                    <Link to={`/concerns?category=${r.category}`}>{r.label}</Link>
                  </td>
                  <td>{r.new}</td>
                  <td>{r.open}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <h2>Newest new concerns</h2>
          {data.newest.length === 0 ? (
            <p>None waiting.</p>
          ) : (
            <ul>
              {data.newest.map((n) => (
                <li key={n.id}>
                  <Link to={`/concerns/${n.id}`}>
                    {n.categoryLabel}, recorded {formatInstant(n.recordedAt)}
                  </Link>
                  {n.source === 'pupil' ? ' (told by a pupil)' : ''}
                  {n.restricted ? ' (restricted)' : ''}
                </li>
              ))}
            </ul>
          )}
          {data.overdueActions.length > 0 && (
            <>
              <h2>Overdue actions</h2>
              <ul>
                {data.overdueActions.map((a) => (
                  <li key={a.id}>
                    <Link to={`/concerns/${a.concernId}`}>{categoryLabel(a.category)}</Link>:{' '}
                    {name(a.assigneePersonId)}, due {formatDay(a.dueOn)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.overdueReferrals.length > 0 && (
            <>
              <h2>Referrals without a reply</h2>
              <ul>
                {data.overdueReferrals.map((r) => (
                  <li key={r.id}>
                    <Link to={`/concerns/${r.concernId}`}>{categoryLabel(r.category)}</Link>: {r.agencyName},
                    reply expected by {formatDay(r.responseDueOn)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.overdueSteps.length > 0 && (
            <>
              <h2>Playbook steps past their time limit</h2>
              <ul>
                {data.overdueSteps.map((s) => (
                  <li key={s.concernId}>
                    <Link to={`/concerns/${s.concernId}`}>{categoryLabel(s.category)}</Link>: {s.steps} step
                    {s.steps === 1 ? '' : 's'}, since {formatInstant(s.oldestDueAt)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
