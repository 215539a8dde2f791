import { isValidUpn, parseYearGroup, type YearGroup } from '@harbour/shared';
import { HEADERS, REQUIRED, normaliseHeader, type ImportKind } from './import-schema.js';

export interface RowError {
  column: string;
  message: string;
}
export interface ParsedRow {
  row: number;
  fields: Record<string, string>;
  values: {
    given: string;
    family: string;
    preferred: string | null;
    upn: string | null;
    misId: string | null;
    dob: string | null;
    year: YearGroup | null;
    className: string | null;
    send: boolean | null;
    lookedAfter: boolean | null;
    email: string | null;
    jobTitle: string | null;
    phone: string | null;
    startDate: string | null;
    leaveDate: string | null;
    pupilUpn: string | null;
    pupilMisId: string | null;
    relationship: string | null;
    parentalResponsibility: boolean;
    noContact: boolean;
  };
  errors: RowError[];
}

/** Maps the file's headers to our fields; unknown columns are ignored, missing required ones reported. */
export function mapHeaders(
  kind: ImportKind,
  headers: string[],
): { map: Map<number, string>; missing: string[] } {
  const map = new Map<number, string>();
  const aliases = HEADERS[kind];
  headers.forEach((h, i) => {
    const n = normaliseHeader(h);
    for (const [field, names] of Object.entries(aliases)) {
      if (names.includes(n) && ![...map.values()].includes(field)) {
        map.set(i, field);
        break;
      }
    }
  });
  const present = new Set(map.values());
  const missing = REQUIRED[kind].filter((f) => !present.has(f));
  if (kind === 'parents' && !present.has('pupilUpn') && !present.has('pupilMisId'))
    missing.push('pupilUpn or pupilMisId');
  return { map, missing };
}

/** dd/mm/yyyy (UK MIS exports) or yyyy-mm-dd, checked to be a real date. */
export function parseDate(raw: string): string | undefined {
  const s = raw.trim();
  let y: number, m: number, d: number;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const isoM = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else if (isoM) [y, m, d] = [Number(isoM[1]), Number(isoM[2]), Number(isoM[3])];
  else return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (
    dt.getUTCFullYear() !== y ||
    dt.getUTCMonth() !== m - 1 ||
    dt.getUTCDate() !== d ||
    y < 1900 ||
    y > 2100
  )
    return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseFlag(raw: string): boolean | undefined {
  const s = raw.trim().toLowerCase();
  if (['y', 'yes', 'true', '1', 'k', 'e', 'ehc', 'ehcp', 'sen support'].includes(s)) return true;
  if (['n', 'no', 'false', '0', ''].includes(s)) return false;
  return undefined;
}

export function parseRow(
  kind: ImportKind,
  rowNumber: number,
  cells: string[],
  map: Map<number, string>,
): ParsedRow {
  const fields: Record<string, string> = {};
  for (const [i, field] of map) fields[field] = (cells[i] ?? '').trim();
  const errors: RowError[] = [];
  const text = (f: string, max = 100): string | null => {
    const v = fields[f] ?? '';
    if (v.length > max) errors.push({ column: f, message: `longer than ${max} characters` });
    return v === '' ? null : v.slice(0, max);
  };
  const date = (f: string): string | null => {
    const v = fields[f];
    if (!v) return null;
    const d = parseDate(v);
    if (!d) errors.push({ column: f, message: `"${v}" is not a date (use dd/mm/yyyy)` });
    return d ?? null;
  };
  const flag = (f: string): boolean | null => {
    const v = fields[f];
    if (v === undefined) return null;
    const b = parseFlag(v);
    if (b === undefined) errors.push({ column: f, message: `"${v}" is not yes or no` });
    return b ?? null;
  };
  for (const f of REQUIRED[kind]) if (!fields[f]) errors.push({ column: f, message: 'required' });
  let year: YearGroup | null = null;
  if (fields.year) {
    year = parseYearGroup(fields.year) ?? null;
    if (!year)
      errors.push({
        column: 'year',
        message: `"${fields.year}" is not a primary year group (N1, N2, R, 1–6)`,
      });
  }
  const upn = text('upn', 13)?.toUpperCase() ?? null;
  if (upn && !isValidUpn(upn))
    errors.push({ column: 'upn', message: `"${upn}" is not a valid UPN (check letter or length)` });
  const email = text('email', 200);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    errors.push({ column: 'email', message: `"${email}" is not an email address` });
  const values: ParsedRow['values'] = {
    given: text('given') ?? '',
    family: text('family') ?? '',
    preferred: text('preferred'),
    upn,
    misId: text('misId', 50),
    dob: date('dob'),
    year,
    className: text('className', 50),
    send: flag('send'),
    lookedAfter: flag('lookedAfter'),
    email,
    jobTitle: text('jobTitle'),
    phone: text('phone', 40),
    startDate: date('startDate'),
    leaveDate: date('leaveDate'),
    pupilUpn: text('pupilUpn', 13)?.toUpperCase() ?? null,
    pupilMisId: text('pupilMisId', 50),
    relationship: text('relationship', 50),
    parentalResponsibility:
      fields.parentalResponsibility === undefined ? true : (flag('parentalResponsibility') ?? true),
    noContact: fields.noContact === undefined ? false : (flag('noContact') ?? false),
  };
  if (kind === 'parents' && !values.pupilUpn && !values.pupilMisId)
    errors.push({ column: 'pupilUpn', message: 'which pupil? give the pupil’s UPN or MIS id' });
  if (kind === 'pupils' && values.dob && values.dob > new Date().toISOString().slice(0, 10))
    errors.push({ column: 'dob', message: 'date of birth is in the future' });
  return { row: rowNumber, fields, values, errors };
}
