import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/DataTable';
import { patch, post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { formText } from '../../lib/forms';
import { formatInstant } from '../../lib/people';

interface Version {
  id: string;
  version: number;
  title: string;
  body: string;
  status: 'draft' | 'published' | 'superseded';
  publishedAt: string | null;
}
interface Documents {
  audiences: { audience: string; label: string; current: Version | null; versions: Version[] }[];
}

/** Writing, versioning and publishing the agreements (policy 5.3), for the online-safety lead and leadership. */
export function AupDocuments({ onChange }: { onChange: () => Promise<void> }) {
  const { data, error, reload } = useApi<Documents>('/api/aup/documents');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setNotice('');
    setProblem('');
    try {
      await fn();
      setNotice(ok);
      await reload();
      await onChange();
    } catch (err) {
      setProblem(errorText(err, 'Could not save the agreement'));
    }
  };
  const save = (e: FormEvent<HTMLFormElement>, v: Version) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void run(
      () =>
        patch(`/api/aup/versions/${v.id}`, { title: formText(form, 'title'), body: formText(form, 'body') }),
      `Saved the draft of ${v.title}.`,
    );
  };
  return (
    <section aria-labelledby="aup-documents">
      <h2 id="aup-documents">The agreements</h2>
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {data?.audiences.map((a) => {
        const draft = a.versions.find((v) => v.status === 'draft');
        return (
          <div key={a.audience} className="panel" role="group" aria-labelledby={`aud-${a.audience}`}>
            <h3 id={`aud-${a.audience}`}>{a.label}</h3>
            <p>
              {a.current
                ? `Current: version ${a.current.version}, “${a.current.title}”, published ${formatInstant(a.current.publishedAt)}.`
                : 'Not published yet.'}
            </p>
            {draft ? (
              <form onSubmit={(e) => save(e, draft)}>
                <div className="field">
                  <label htmlFor={`title-${draft.id}`}>Title of version {draft.version}</label>
                  <input
                    id={`title-${draft.id}`}
                    name="title"
                    defaultValue={draft.title}
                    required
                    maxLength={200}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`body-${draft.id}`}>Text</label>
                  <textarea id={`body-${draft.id}`} name="body" defaultValue={draft.body} required rows={8} />
                </div>
                <div className="form-buttons">
                  <button type="submit">Save the draft</button>
                  <button
                    type="button"
                    onClick={() =>
                      void run(
                        () => post(`/api/aup/versions/${draft.id}/publish`),
                        `Published version ${draft.version} for ${a.label}: everyone in it is asked to sign.`,
                      )
                    }
                  >
                    Publish version {draft.version}
                    <span className="visually-hidden"> for {a.label}</span>
                  </button>
                </div>
              </form>
            ) : (
              <button
                type="button"
                onClick={() =>
                  void run(
                    () => post('/api/aup/versions', { audience: a.audience }),
                    `Drafted a new version for ${a.label}.`,
                  )
                }
              >
                Draft a new version<span className="visually-hidden"> for {a.label}</span>
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}
