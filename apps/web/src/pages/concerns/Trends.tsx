import { useState, type FormEvent } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { formatDay } from '../../lib/people';
import { ConcernsNav } from './ConcernsNav';

type Cell = number | string;
interface Row {
  key: string;
  label: string;
  current: Cell;
  previous?: Cell;
}
interface TrendsData {
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  suppressed: boolean;
  total: { current: Cell; previous: Cell };
  byCategory: Row[];
  byMonth: Row[];
  byYearGroup: Row[];
  byKeyStage: Row[];
  byVulnerability: Row[] | null;
}

const VULNERABILITY: Record<string, string> = {
  send: 'Special educational needs (SEND)',
  looked_after: 'Looked after',
  other_vulnerability: 'Other vulnerability',
};
const num = (c: Cell | undefined) => (typeof c === 'number' ? c : 0);

/** Horizontal bars, this period beside the one before; suppressed cells ("fewer than 3") draw no bar. */
function BarChart({ rows, title }: { rows: Row[]; title: string }) {
  const shown = rows.filter(
    (r) => num(r.current) > 0 || num(r.previous) > 0 || typeof r.current === 'string',
  );
  if (!shown.length) return null;
  const max = Math.max(1, ...shown.flatMap((r) => [num(r.current), num(r.previous)]));
  const rowH = 34;
  const labelW = 180;
  const width = 560;
  const bar = (v: number) => ((width - labelW - 40) * v) / max;
  return (
    <figure>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${shown.length * rowH + 8}`}
        role="img"
        aria-label={`${title}: chart; the same figures are in the table below`}
      >
        {shown.map((r, i) => (
          <g key={r.key} transform={`translate(0 ${i * rowH + 4})`}>
            <text x={0} y={16}>
              {r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}
            </text>
            <rect className="bar-current" x={labelW} y={2} height={12} width={bar(num(r.current))} />
            <text x={labelW + bar(num(r.current)) + 4} y={13}>
              {String(r.current)}
            </text>
            {r.previous !== undefined && (
              <>
                <rect className="bar-previous" x={labelW} y={16} height={12} width={bar(num(r.previous))} />
                <text x={labelW + bar(num(r.previous)) + 4} y={27}>
                  {String(r.previous)}
                </text>
              </>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}

function Table({
  rows,
  title,
  label,
}: {
  rows: Row[];
  title: string;
  label?: (k: string, l: string) => string;
}) {
  const withPrevious = rows.some((r) => r.previous !== undefined);
  return (
    <DataTable
      label={title}
      caption={title}
      columns={withPrevious ? ['', 'This period', 'Period before'] : ['', 'This period']}
    >
      {rows.map((r) => (
        <tr key={r.key}>
          <th scope="row">{label ? label(r.key, r.label) : r.label}</th>
          <td>{String(r.current)}</td>
          {withPrevious && <td>{String(r.previous ?? '')}</td>}
        </tr>
      ))}
    </DataTable>
  );
}

/** Trends (policy 1.3.2): counts by category, month, year group, key stage and vulnerability, against the period before. */
export function Trends() {
  usePageTitle('Concern trends');
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const q = period ? `?from=${period.from}&to=${period.to}` : '';
  const { data, error } = useApi<TrendsData>(`/api/concerns/trends${q}`);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setPeriod({ from: formText(f, 'from'), to: formText(f, 'to') });
  };
  return (
    <section>
      <h1>Concern trends</h1>
      <ConcernsNav />
      <form className="filter-form" aria-label="Choose the period" onSubmit={submit} key={data?.period.from}>
        <div>
          <label htmlFor="trends-from">From</label>
          <input id="trends-from" name="from" type="date" required defaultValue={data?.period.from} />
        </div>
        <div>
          <label htmlFor="trends-to">To</label>
          <input id="trends-to" name="to" type="date" required defaultValue={data?.period.to} />
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      <ErrorMessage text={error} />
      {data && (
        <>
          <p>
            {formatDay(data.period.from)} to {formatDay(data.period.to)}:{' '}
            <strong>{String(data.total.current)}</strong> concerns; the period before (
            {formatDay(data.previousPeriod.from)} to {formatDay(data.previousPeriod.to)}):{' '}
            {String(data.total.previous)}.{data.suppressed ? ' Figures of 1 or 2 read “fewer than 3”.' : ''}
          </p>
          <p>
            <a
              href={`/api/concerns/trends?from=${data.period.from}&to=${data.period.to}&format=csv`}
              download
            >
              Download as CSV
            </a>
          </p>
          <ul className="chart-legend" aria-label="Chart key">
            <li>
              <span className="swatch swatch-current" aria-hidden="true" /> This period
            </li>
            <li>
              <span className="swatch swatch-previous" aria-hidden="true" /> The period before
            </li>
          </ul>
          <h2>By category</h2>
          <BarChart rows={data.byCategory} title="Concerns by category" />
          <Table rows={data.byCategory} title="Concerns by category" />
          <h2>By month</h2>
          <BarChart rows={data.byMonth} title="Concerns by month" />
          <Table rows={data.byMonth} title="Concerns by month" />
          <h2>By key stage and year group</h2>
          <Table rows={data.byKeyStage} title="Concerns by key stage" />
          <Table
            rows={data.byYearGroup}
            title="Concerns by year group"
            label={(k) => (/^\d$/.test(k) ? `Year ${k}` : k)}
          />
          {data.byVulnerability && (
            <>
              <h2>By vulnerability</h2>
              <Table
                rows={data.byVulnerability}
                title="Concerns by vulnerability"
                label={(k) => VULNERABILITY[k] ?? k}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
