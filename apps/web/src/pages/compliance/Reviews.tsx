import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';

export interface ReviewSummary {
  id: string;
  title: string;
  status: 'open' | 'completed';
  startedAt: string;
  completedAt: string | null;
  summary: string | null;
  aspectsRated: number;
  aspects: number;
  averageLevel: number | null;
}

/** The self-reviews, newest first: the open one and the history of completed ones (policy 5.1). */
export function Reviews() {
  usePageTitle('Self-review');
  const { can } = useSession();
  const navigate = useNavigate();
  const { data, error } = useApi<{ reviews: ReviewSummary[] }>('/api/compliance/self-reviews');
  const [problem, setProblem] = useState('');
  const open = data?.reviews.find((r) => r.status === 'open');
  const start = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setProblem('');
    try {
      const r = await post<{ review: ReviewSummary }>('/api/compliance/self-reviews', {
        title: formText(new FormData(e.currentTarget), 'title'),
      });
      void navigate(`/compliance/reviews/${r.review.id}`);
    } catch (err) {
      setProblem(errorText(err, 'Could not start the review'));
    }
  };
  return (
    <section>
      <h1>Self-review</h1>
      <ComplianceNav />
      <p>
        Each aspect is rated from 1 (embedded: in place, reviewed and shared) to 5 (not in place), in the
        style of 360 degree safe, with commentary, evidence and actions.
      </p>
      <ErrorMessage text={error || problem} />
      {can('compliance.write') && data && !open && (
        <form className="inline-form" onSubmit={(e) => void start(e)}>
          <label htmlFor="review-title">Title of the new review</label>
          <input id="review-title" name="title" required maxLength={200} placeholder="Autumn review" />
          <button type="submit">Start a self-review</button>
        </form>
      )}
      {data && data.reviews.length === 0 && <p>No self-review yet.</p>}
      {data && data.reviews.length > 0 && (
        <DataTable
          label="Self-reviews"
          caption="Self-reviews, newest first"
          columns={['Review', 'Status', 'Started', 'Completed', 'Aspects rated', 'Average level']}
        >
          {data.reviews.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/compliance/reviews/${r.id}`}>{r.title}</Link>
              </td>
              <td>{r.status === 'open' ? 'Open' : 'Completed'}</td>
              <td>{formatInstant(r.startedAt)}</td>
              <td>{r.completedAt ? formatInstant(r.completedAt) : '—'}</td>
              <td>
                {r.aspectsRated} of {r.aspects}
              </td>
              <td>{r.averageLevel ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
