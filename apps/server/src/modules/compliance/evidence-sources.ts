import type { AppContext } from '../../context.js';

/**
 * Evidence from modules that are not on main yet (concerns, issue 3; monitoring, issue 6). Each registers a
 * provider here when it lands (one line in its routes file) and the dashboard, the checklists and the governor
 * report pick it up; until then they say "no evidence yet". Providers return counts only, never names or
 * narrative, and must leave out what the caller's rules hide (clarification 6: open allegations stay out of
 * aggregates).
 */
export interface Period {
  /** ISO-8601 UTC instants, from inclusive, to exclusive. */
  from: string;
  to: string;
}

export interface ConcernEvidence {
  /** Concerns still open more than 30 days after they were raised (policy 8). */
  openOver30Days: number;
  /** Concerns raised in the period, by category (governor report: counts only, small numbers suppressed). */
  raisedByCategory: { category: string; count: number }[];
  /** Concerns raised in each month (YYYY-MM) of the period. */
  raisedByMonth: { month: string; count: number }[];
  closedInPeriod: number;
}

export interface MonitoringEvidence {
  alertsByCategory: { category: string; count: number }[];
  alertsTriaged: number;
  /** Alerts not yet triaged more than a school day after they were raised. */
  untriagedOverdue: number;
}

export interface EvidenceProviders {
  concerns: (ctx: AppContext, schoolId: string, period: Period) => Promise<ConcernEvidence>;
  monitoring: (ctx: AppContext, schoolId: string, period: Period) => Promise<MonitoringEvidence>;
}

const providers: Partial<EvidenceProviders> = {};
let generation = 0;
/** Moves whenever a provider is registered or removed: a kept dashboard counted without it is out of date. */
export const providersGeneration = (): number => generation;

export function registerEvidenceProvider<K extends keyof EvidenceProviders>(
  kind: K,
  provider: EvidenceProviders[K],
): void {
  providers[kind] = provider;
  generation++;
}

/** The module's evidence for the period, or null while that module does not exist. */
export async function evidenceFrom<K extends keyof EvidenceProviders>(
  kind: K,
  ctx: AppContext,
  schoolId: string,
  period: Period,
): Promise<Awaited<ReturnType<EvidenceProviders[K]>> | null> {
  const p = providers[kind];
  if (!p) return null;
  return (await p(ctx, schoolId, period)) as Awaited<ReturnType<EvidenceProviders[K]>>;
}

/** For tests: forget a provider registered by an earlier test. */
export function unregisterEvidenceProvider(kind: keyof EvidenceProviders): void {
  delete providers[kind];
  generation++;
}
