import type { FilterCategory, SafeSearchSettings, TimeWindow } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/index.js';
import type {
  FilterEntryTable,
  FilterGroupTable,
  FilterListTable,
  FilterScheduleTable,
} from '../../db/schema-filtering.js';
import { iso } from '../../lib/time.js';
import { BaselineSchema, FilterSettingsSchema, type Baseline, type FilterSettings } from './schema.js';

/** A school's live filtering policy as stored (the approved state), parsed from its rows. */
export interface Group {
  id: string;
  schoolId: string;
  kind: FilterGroupTable['kind'];
  name: string;
  mode: FilterGroupTable['mode'];
  isDefault: boolean;
  aupOnly: boolean;
  subnets: string[];
  resolverAddress: string | null;
  testAddress: string;
  blockedCategories: FilterCategory[];
  safeSearch: SafeSearchSettings;
  allowLists: string[];
  position: number;
}
export interface List {
  id: string;
  schoolId: string | null;
  organisationId: string | null;
  name: string;
  kind: FilterListTable['kind'];
  category: FilterCategory | null;
  source: FilterListTable['source'];
  url: string | null;
  format: string;
  refreshHours: number | null;
  licensed: boolean;
  enabled: boolean;
  currentVersionId: string | null;
  /** Entries in the current version. */
  entries: number;
}
export interface Entry {
  id: string;
  groupId: string | null;
  domain: string;
  effect: FilterEntryTable['effect'];
  note: string;
}
export interface Schedule {
  id: string;
  groupId: string;
  label: string;
  effect: FilterScheduleTable['effect'];
  categories: FilterCategory[];
  domains: string[];
  windows: TimeWindow[];
}
export interface Unblock {
  id: string;
  groupId: string | null;
  domain: string;
  expiresAt: string;
}

export interface SchoolFilterState {
  schoolId: string;
  schoolName: string;
  timeZone: string;
  organisationId: string | null;
  settings: FilterSettings;
  settingsVersion: number;
  baseline: Baseline;
  groups: Group[];
  lists: List[];
  entries: Entry[];
  schedules: Schedule[];
  unblocks: Unblock[];
  bindings: { address: string; groupId: string; expiresAt: string }[];
}

const json = <T>(s: string): T => JSON.parse(s) as T;

export const groupOf = (r: FilterGroupTable): Group => ({
  id: r.id,
  schoolId: r.school_id,
  kind: r.kind,
  name: r.name,
  mode: r.mode,
  isDefault: r.is_default === 1,
  aupOnly: r.aup_only === 1,
  subnets: json(r.subnets),
  resolverAddress: r.resolver_address,
  testAddress: r.test_address,
  blockedCategories: json(r.blocked_categories),
  safeSearch: json(r.safe_search),
  allowLists: json(r.allow_lists),
  position: r.position,
});

export const scheduleOf = (r: FilterScheduleTable): Schedule => ({
  id: r.id,
  groupId: r.group_id,
  label: r.label,
  effect: r.effect,
  categories: json(r.categories),
  domains: json(r.domains),
  windows: json(r.windows),
});

export const entryOf = (r: FilterEntryTable): Entry => ({
  id: r.id,
  groupId: r.group_id,
  domain: r.domain,
  effect: r.effect,
  note: r.note,
});

export const WEEKDAYS = [1, 2, 3, 4, 5];

export function defaultFilterSettings(ctx: AppContext): FilterSettings {
  return {
    provider: { name: '', monitoredBy: '', contact: '' },
    blockAnswer: { mode: 'block-page', ipv4: [ctx.config.HARBOUR_BLOCK_PAGE_ADDRESS], ipv6: [] },
    answerTtl: 30,
    staffSocialMedia: {
      mode: 'never',
      breakTimes: [
        { days: WEEKDAYS, from: '10:30', to: '10:45' },
        { days: WEEKDAYS, from: '12:00', to: '13:00' },
      ],
    },
    queryLogRetentionDays: 90,
    ecsForwarders: [],
    emergencyMaxMinutes: 240,
    selfTest: { illegalTestNames: [], samples: {} },
  };
}

export const EMPTY_BASELINE: Baseline = { blockedCategories: {}, deny: [] };

export async function filterSettingsOf(
  ctx: AppContext,
  db: Executor,
  schoolId: string,
): Promise<{ value: FilterSettings; version: number }> {
  const row = await db
    .selectFrom('filter_settings')
    .selectAll()
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  const parsed = row ? FilterSettingsSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success
    ? { value: parsed.data, version: row!.version }
    : { value: defaultFilterSettings(ctx), version: row?.version ?? 0 };
}

export async function baselineOf(db: Executor, organisationId: string | null): Promise<Baseline> {
  if (!organisationId) return EMPTY_BASELINE;
  const row = await db
    .selectFrom('filter_baselines')
    .select('value')
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  const parsed = row ? BaselineSchema.safeParse(JSON.parse(row.value)) : null;
  return parsed?.success ? parsed.data : EMPTY_BASELINE;
}

/** Lists a school uses: its own and its organisation's (the baseline's), not removed. */
export async function listsOf(
  db: Executor,
  schoolId: string,
  organisationId: string | null,
): Promise<List[]> {
  const rows = await db
    .selectFrom('filter_lists as l')
    .leftJoin('filter_list_versions as v', 'v.id', 'l.current_version_id')
    .selectAll('l')
    .select('v.entries as entries')
    .where('l.removed_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('l.school_id', '=', schoolId),
        ...(organisationId ? [eb('l.organisation_id', '=', organisationId)] : []),
      ]),
    )
    .orderBy('l.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    organisationId: r.organisation_id,
    name: r.name,
    kind: r.kind,
    category: r.category as FilterCategory | null,
    source: r.source,
    url: r.url,
    format: r.format,
    refreshHours: r.refresh_hours,
    licensed: r.licensed === 1,
    enabled: r.enabled === 1,
    currentVersionId: r.current_version_id,
    entries: r.entries ?? 0,
  }));
}

/** Everything about one school's live policy, read in one executor (pass the transaction inside one). */
export async function loadSchoolState(
  ctx: AppContext,
  db: Executor,
  schoolId: string,
): Promise<SchoolFilterState> {
  const school = await db
    .selectFrom('schools')
    .select(['id', 'name', 'time_zone', 'organisation_id'])
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  const now = iso(ctx.clock.now());
  const settings = await filterSettingsOf(ctx, db, schoolId);
  const groups = await db
    .selectFrom('filter_groups')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  const entries = await db
    .selectFrom('filter_entries')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('domain')
    .execute();
  const schedules = await db
    .selectFrom('filter_schedules')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('created_at')
    .execute();
  const unblocks = await db
    .selectFrom('filter_unblocks')
    .select(['id', 'group_id', 'domain', 'expires_at'])
    .where('school_id', '=', schoolId)
    .where('ended_at', 'is', null)
    // The expiry job bumps the version; a late worker must still never keep an unblock past its time.
    .where('expires_at', '>', now)
    .execute();
  const bindings = await db
    .selectFrom('filter_bindings')
    .select(['address', 'group_id', 'expires_at'])
    .where('school_id', '=', schoolId)
    .where('expires_at', '>', now)
    .execute();
  return {
    schoolId,
    schoolName: school.name,
    timeZone: school.time_zone,
    organisationId: school.organisation_id,
    settings: settings.value,
    settingsVersion: settings.version,
    baseline: await baselineOf(db, school.organisation_id),
    groups: groups.map(groupOf),
    lists: await listsOf(db, schoolId, school.organisation_id),
    entries: entries.map(entryOf),
    schedules: schedules.map(scheduleOf),
    unblocks: unblocks.map((u) => ({
      id: u.id,
      groupId: u.group_id,
      domain: u.domain,
      expiresAt: u.expires_at,
    })),
    bindings: bindings.map((b) => ({ address: b.address, groupId: b.group_id, expiresAt: b.expires_at })),
  };
}
