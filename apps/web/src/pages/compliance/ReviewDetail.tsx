import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import type { DashboardItem } from '@harbour/shared';
import { ErrorMessage } from '../../components/DataTable';
import { post, put } from '../../lib/api';
import { Light } from '../../lib/compliance';
import { errorText, useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { ActionPlan, type ActionRow } from './ActionPlan';
import { ComplianceNav } from './ComplianceNav';
import type { ReviewSummary } from './Reviews';

interface Aspect {
  key: string;
  strand: string;
  title: string;
  question: string;
  evidence: DashboardItem[];
  rating: { level: number; commentary: string; evidence: string | null; ratedAt: string } | null;
}
interface Detail {
  review: ReviewSummary;
  levels: Record<string, string>;
  evidenceAsOf: string;
  aspects: Aspect[];
  actions: ActionRow[];
}

/** One self-review: rate each aspect beside its evidence, plan actions, complete it. */
export function ReviewDetail() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const { data, error, reload } = useApi<Detail>(`/api/compliance/self-reviews/${encodeURIComponent(id)}`);
  usePageTitle(data ? data.review.title : 'Self-review');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const editable = can('compliance.write') && data?.review.status === 'open';
  const act = async (fn: () => Promise<unknown>, ok: string, fail: string) => {
    setNotice('');
    setProblem('');
    try {
      await fn();
      setNotice(ok);
      await reload();
    } catch (err) {
      setProblem(errorText(err, fail));
    }
  };
  const rate = (e: FormEvent<HTMLFormElement>, a: Aspect) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void act(
      () =>
        put(`/api/compliance/self-reviews/${id}/ratings`, {
          aspect: a.key,
          level: Number(formText(form, 'level')),
          commentary: formText(form, 'commentary'),
          evidence: formText(form, 'evidence') || null,
        }),
      `Rating saved: ${a.title}`,
      'Could not save the rating',
    );
  };
  const complete = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const summary = formText(new FormData(e.currentTarget), 'summary');
    void act(
      () => post(`/api/compliance/self-reviews/${id}/complete`, { summary: summary || null }),
      'The self-review is completed and kept in the history.',
      'Could not complete the review',
    );
  };
  if (!data) return <ErrorMessage text={error} />;
  const strands = [...new Set(data.aspects.map((a) => a.strand))];
  return (
    <section>
      <h1>{data.review.title}</h1>
      <ComplianceNav />
      <p>
        {data.review.status === 'open'
          ? `Open since ${formatInstant(data.review.startedAt)}; ${data.review.aspectsRated} of ${data.review.aspects} aspects rated. The evidence shown is live.`
          : `Completed ${formatInstant(data.review.completedAt)}. The evidence shown is as it stood that day.`}
      </p>
      {data.review.summary && <p className="pre">{data.review.summary}</p>}
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {strands.map((strand) => (
        <section key={strand}>
          <h2>{strand}</h2>
          {data.aspects
            .filter((a) => a.strand === strand)
            .map((a) => (
              <div key={a.key} className="panel" role="group" aria-labelledby={`aspect-${a.key}`}>
                <h3 id={`aspect-${a.key}`}>{a.title}</h3>
                <p>{a.question}</p>
                {a.evidence.length > 0 && (
                  <ul aria-label={`Evidence for ${a.title}`}>
                    {a.evidence.map((e) => (
                      <li key={e.key}>
                        <Light light={e.light} /> {e.commitment}: {e.figure}
                      </li>
                    ))}
                  </ul>
                )}
                {a.rating && !editable && (
                  <p>
                    Level {a.rating.level} ({data.levels[a.rating.level]}): {a.rating.commentary}
                    {a.rating.evidence ? ` Evidence: ${a.rating.evidence}` : ''}
                  </p>
                )}
                {editable && (
                  <form onSubmit={(e) => rate(e, a)}>
                    <fieldset className="inline-choices">
                      <legend>Level for {a.title}</legend>
                      {[1, 2, 3, 4, 5].map((l) => (
                        <label key={l}>
                          <input
                            type="radio"
                            name="level"
                            value={l}
                            required
                            defaultChecked={a.rating?.level === l}
                          />
                          {l}: {data.levels[l]}
                        </label>
                      ))}
                    </fieldset>
                    <div className="field">
                      <label htmlFor={`commentary-${a.key}`}>Commentary</label>
                      <textarea
                        id={`commentary-${a.key}`}
                        name="commentary"
                        required
                        rows={2}
                        maxLength={4000}
                        defaultValue={a.rating?.commentary ?? ''}
                      />
                    </div>
                    <div className="field">
                      <label htmlFor={`evidence-${a.key}`}>Evidence</label>
                      <textarea
                        id={`evidence-${a.key}`}
                        name="evidence"
                        rows={2}
                        maxLength={4000}
                        defaultValue={a.rating?.evidence ?? ''}
                      />
                    </div>
                    <button type="submit">
                      Save rating<span className="visually-hidden"> for {a.title}</span>
                    </button>
                  </form>
                )}
              </div>
            ))}
        </section>
      ))}
      <ActionPlan reviewId={id} aspects={data.aspects} actions={data.actions} onChange={reload} />
      {editable && (
        <form onSubmit={complete} className="panel">
          <h2>Complete the review</h2>
          <div className="field">
            <label htmlFor="review-summary">Summary</label>
            <textarea id="review-summary" name="summary" rows={3} maxLength={4000} />
          </div>
          <button type="submit">Complete the self-review</button>
        </form>
      )}
    </section>
  );
}
