import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../../components/DataTable';
import { get, post } from '../../lib/api';
import { errorText, useApi, type ChangeRequest, type FilterPolicy } from '../../lib/filtering';
import { formText, useFormErrors, usePageTitle } from '../../lib/forms';
import { FilteringNav } from './FilteringNav';
import { RequestFields, requestFieldIds } from './RequestFields';
import { OP_KINDS, OpBuilder, type DraftOp, type OpKind } from './OpBuilder';
import { opSummary } from './op-summary';

const FIELD_IDS = requestFieldIds('cr');

/**
 * A new change request (policy 7.3): what (one or more changes), why, and the risk assessment from an
 * educational and a technical view. A leadership member who is not the requester decides it.
 */
export function ChangeNew() {
  usePageTitle('New filtering change request');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: policy, error } = useApi<FilterPolicy>('/api/filtering/policy');
  const [ops, setOps] = useState<DraftOp[]>([]);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors((path) =>
    path.startsWith('ops') ? 'cr-ops' : (FIELD_IDS[path] ?? 'cr-title'),
  );
  const kind = params.get('kind');
  const initial = {
    ...(kind && kind in OP_KINDS ? { kind: kind as OpKind } : {}),
    ...(params.get('domain') ? { domain: params.get('domain')! } : {}),
    ...(params.get('effect') ? { effect: params.get('effect')! } : {}),
  };

  const [starterError, setStarterError] = useState('');
  const addStarter = async () => {
    setStarterError('');
    try {
      const res = await get<{ ops: DraftOp[] }>('/api/filtering/starter');
      setOps((prev) => [...prev, ...res.ops]);
    } catch (err) {
      setStarterError(errorText(err, 'Could not load the starter groups'));
    }
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    errors.clear();
    setBusy(true);
    try {
      const res = await post<{ change: ChangeRequest }>('/api/filtering/changes', {
        title: formText(f, 'title'),
        reason: formText(f, 'reason'),
        riskEducational: formText(f, 'riskEducational'),
        riskTechnical: formText(f, 'riskTechnical'),
        ops,
      });
      void navigate(`/filtering/changes/${res.change.id}`);
    } catch (err) {
      errors.show(err, 'Could not make the change request');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>New change request</h1>
      <FilteringNav />
      <ErrorMessage text={error} />
      {policy && policy.groups.length === 0 && (
        <div className="panel">
          <h2>Start with Harbour’s groups</h2>
          <p>
            EYFS and KS1 on approved sites only; KS2 with every UKSIC category and dating, social media, chat,
            games, streaming and webmail blocked; staff with the UKSIC categories blocked; guests and visitors
            as the default group, accepting the visitor AUP first. Add the subnets of each after it is
            applied.
          </p>
          <button type="button" onClick={() => void addStarter()}>
            Add the starter groups to this request
          </button>
          <ErrorMessage text={starterError} />
        </div>
      )}
      {policy && (
        <OpBuilder policy={policy} initial={initial} onAdd={(op) => setOps((prev) => [...prev, op])} />
      )}
      <form className="narrow-form" onSubmit={(e) => void submit(e)} aria-label="Change request" noValidate>
        {errors.summary}
        <h2 id="cr-ops" tabIndex={-1}>
          In this request
        </h2>
        {ops.length === 0 ? (
          <p>Nothing yet: add at least one change above.</p>
        ) : (
          <ol className="ops">
            {ops.map((o, i) => (
              <li key={i}>
                {opSummary(o)}{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setOps((prev) => prev.filter((_, j) => j !== i))}
                >
                  Take out<span className="visually-hidden"> change {i + 1}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
        <RequestFields
          idPrefix="cr"
          fieldError={errors.fieldError}
          educationalHint="Who gains or loses access, and what could go wrong for pupils or staff."
          technicalHint="What the change does to the resolver, lists and devices."
        />
        <button type="submit" disabled={busy}>
          Send for approval
        </button>
      </form>
    </section>
  );
}
