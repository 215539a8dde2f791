import { useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText, useApi } from '../../lib/filtering';
import { Field, formText, useFormErrors, usePageTitle } from '../../lib/forms';
import { formatInstant } from '../../lib/people';
import { FilteringNav } from './FilteringNav';

interface ResolverNode {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastVersion: number | null;
  lastAgent: string | null;
}

/**
 * Standalone resolver nodes (`harbour dns --server URL --token T`, docs/filtering.md): a token per node, shown
 * once and stored hashed; each node's last pull; revoking a token makes the server refuse that node at once.
 */
export function ResolverNodes() {
  usePageTitle('Resolver nodes');
  const { data, error, reload } = useApi<{ nodes: ResolverNode[] }>('/api/filtering/nodes');
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const errors = useFormErrors(() => 'node-name');

  const issue = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    errors.clear();
    setNotice('');
    try {
      const res = await post<{ node: { id: string; name: string }; token: string }>('/api/filtering/nodes', {
        name: formText(new FormData(form), 'name'),
      });
      setIssued({ name: res.node.name, token: res.token });
      form.reset();
      await reload();
    } catch (err) {
      errors.show(err, 'Could not issue the token');
    }
  };

  const revoke = async (n: ResolverNode) => {
    setProblem('');
    setNotice('');
    setIssued(null);
    try {
      await post(`/api/filtering/nodes/${encodeURIComponent(n.id)}/revoke`, {});
      setNotice(`The token of ${n.name} is revoked: the server refuses that node from now on.`);
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not revoke the token'));
    }
  };

  return (
    <section>
      <h1>Resolver nodes</h1>
      <FilteringNav />
      <p>
        A standalone node runs the filtering resolver on another machine or site, with no database: it pulls
        the school’s policy from here and sends its query log back. Each node needs its own token.
      </p>
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">
        {notice && <p className="ok">{notice}</p>}
        {issued && (
          <div className="panel" role="status">
            <h2>Token for {issued.name}</h2>
            <p>Copy it now: it is not shown again. Give it to the node as HARBOUR_DNS_TOKEN.</p>
            <label htmlFor="node-token">Node token</label>
            <input id="node-token" readOnly value={issued.token} onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
      </div>
      <form
        className="narrow-form"
        onSubmit={(e) => void issue(e)}
        aria-label="Issue a node token"
        noValidate
      >
        {errors.summary}
        <Field
          id="node-name"
          label="Node name"
          required
          hint="For example: main office resolver"
          error={errors.fieldError('name')}
        >
          {(a) => <input {...a} name="name" maxLength={100} />}
        </Field>
        <button type="submit">Issue a token</button>
      </form>
      <h2>Nodes</h2>
      {data && data.nodes.length === 0 && <p>No nodes yet.</p>}
      {data && data.nodes.length > 0 && (
        <DataTable
          label="Resolver nodes"
          caption="Standalone resolver nodes and their last pull"
          columns={['Node', 'Issued', 'Last pull', 'Policy version', 'State']}
        >
          {data.nodes.map((n) => (
            <tr key={n.id}>
              <td className="break">
                {n.name}
                {n.lastAgent && <span className="hint">{n.lastAgent}</span>}
              </td>
              <td>
                {formatInstant(n.createdAt)}
                <span className="hint">by {n.createdBy}</span>
              </td>
              <td>{n.lastSeenAt ? formatInstant(n.lastSeenAt) : 'Never'}</td>
              <td>{n.lastVersion ?? ''}</td>
              <td>
                {n.revokedAt ? (
                  `Revoked ${formatInstant(n.revokedAt)}`
                ) : (
                  <button type="button" className="secondary" onClick={() => void revoke(n)}>
                    Revoke<span className="visually-hidden"> the token of {n.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
