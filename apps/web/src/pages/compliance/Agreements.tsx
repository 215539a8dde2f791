import { useState } from 'react';
import { AUP_AUDIENCE_LABELS, AUP_AUDIENCES } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { useSession } from '../../lib/session';
import { useRun } from '../../lib/useRun';
import { AupDocuments } from './AupDocuments';
import { ComplianceNav } from './ComplianceNav';
import { MonitoringNotice } from './MonitoringNotice';
import { PaperSignature } from './PaperSignature';

interface MineItem {
  personId: string;
  name: string;
  forChild: boolean;
  audience: string;
  audienceLabel: string;
  version: { id: string; version: number; title: string; body: string } | null;
  signedAt: string | null;
  canSign: boolean;
}
interface Unsigned {
  audiences: {
    audience: string;
    label: string;
    version: { id: string; version: number; title: string } | null;
    total: number;
    signed: number;
    byClass: { className: string; total: number; signed: number }[];
    unsigned: { id: string; name: string; kind: string; className: string | null }[];
    unsignedMore: number;
  }[];
}

/** Acceptable-use agreements (policy 5.3, 6.1): sign your own, see who has not signed, keep the texts. */
export function Agreements() {
  usePageTitle('Acceptable use agreements');
  const { can } = useSession();
  const mine = useApi<{ items: MineItem[]; monitoringNotice: string }>('/api/aup/mine');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const [audience, setAudience] = useState('staff');
  const [className, setClassName] = useState('');
  const q = `audience=${audience}${className.trim() ? `&className=${encodeURIComponent(className.trim())}` : ''}`;
  const unsigned = useApi<Unsigned>(can('agreements.record') ? `/api/aup/unsigned?${q}` : null);
  const remind = useRun(() => undefined);

  const sign = async (item: MineItem) => {
    if (!item.version) return;
    setNotice('');
    setProblem('');
    try {
      await post('/api/aup/sign', {
        versionId: item.version.id,
        ...(item.forChild ? { personId: item.personId } : {}),
      });
      setNotice(`Signed: ${item.version.title}${item.forChild ? ` for ${item.name}` : ''}.`);
      await mine.reload();
      await unsigned.reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not sign the agreement'));
    }
  };
  const report = unsigned.data?.audiences[0];
  return (
    <section>
      <h1>Acceptable use agreements</h1>
      <ComplianceNav />
      <ErrorMessage text={mine.error || problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      <h2>Your agreements</h2>
      {mine.data && mine.data.items.length === 0 && <p>There is nothing for you to sign.</p>}
      <ul className="account-list">
        {mine.data?.items.map((i) => (
          <li key={`${i.personId}-${i.audience}`} className="panel">
            <h3>
              {i.version?.title ?? i.audienceLabel}
              {i.forChild ? ` (for ${i.name})` : ''}
            </h3>
            {!i.version ? (
              <p>The school has not published this agreement yet.</p>
            ) : (
              <>
                <details>
                  <summary>Read version {i.version.version}</summary>
                  <div className="pre">{i.version.body}</div>
                </details>
                <p className="monitoring-notice">
                  <strong>Monitoring: </strong>
                  {mine.data?.monitoringNotice}
                </p>
                {i.signedAt ? (
                  <p className="ok">Signed {formatInstant(i.signedAt)}.</p>
                ) : i.canSign ? (
                  <button type="button" onClick={() => void sign(i)}>
                    I agree: sign {i.version.title}
                    {i.forChild ? ` for ${i.name}` : ''}
                  </button>
                ) : (
                  <p>
                    Not signed yet: a parent signs it, or a member of staff records that it was discussed.
                  </p>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      {can('settings.write') && <MonitoringNotice onSaved={mine.reload} />}
      {can('agreements.record') && (
        <section aria-labelledby="not-signed">
          <h2 id="not-signed">Who has not signed</h2>
          <div className="inline-form">
            <label htmlFor="unsigned-audience">Agreement</label>
            <select id="unsigned-audience" value={audience} onChange={(e) => setAudience(e.target.value)}>
              {AUP_AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {AUP_AUDIENCE_LABELS[a]}
                </option>
              ))}
            </select>
            <label htmlFor="unsigned-class">Class (pupils)</label>
            <input id="unsigned-class" value={className} onChange={(e) => setClassName(e.target.value)} />
          </div>
          <ErrorMessage text={unsigned.error} />
          {report && (
            <div aria-live="polite">
              <p>
                {report.version
                  ? `${report.version.title} (version ${report.version.version}): ${report.signed} of ${report.total} signed.`
                  : 'No version of this agreement is published yet.'}
              </p>
              {report.byClass.length > 0 && (
                <DataTable label="By class" caption="Signed by class" columns={['Class', 'Signed', 'Total']}>
                  {report.byClass.map((c) => (
                    <tr key={c.className}>
                      <td>{c.className}</td>
                      <td>{c.signed}</td>
                      <td>{c.total}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
              {report.unsigned.length === 0 ? (
                <p>Everyone has signed.</p>
              ) : (
                <DataTable label="Not signed" caption="Not signed" columns={['Name', 'Kind', 'Class']}>
                  {report.unsigned.map((p) => (
                    <tr key={p.id}>
                      <td>{p.name}</td>
                      <td>{p.kind}</td>
                      <td>{p.className ?? '—'}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
              {report.unsignedMore > 0 && <p>And {report.unsignedMore} more.</p>}
            </div>
          )}
          <ul className="actions">
            <li>
              <button type="button" onClick={() => window.print()}>
                Print this list for paper signatures
              </button>
            </li>
            {can('agreements.manage') && report?.version && report.unsigned.length > 0 && (
              <li>
                <button
                  type="button"
                  disabled={remind.busy}
                  onClick={() =>
                    void remind.run(
                      () => post('/api/aup/reminders', { audience }),
                      `Reminder sent to everyone who has not signed: ${report.label}.`,
                    )
                  }
                >
                  Remind everyone who has not signed
                </button>
              </li>
            )}
          </ul>
          {remind.messages}
          {report?.version && report.unsigned.length > 0 && (
            <PaperSignature
              versionId={report.version.id}
              title={report.version.title}
              people={report.unsigned}
              onDone={unsigned.reload}
            />
          )}
        </section>
      )}
      {can('agreements.manage') && <AupDocuments onChange={unsigned.reload} />}
    </section>
  );
}
