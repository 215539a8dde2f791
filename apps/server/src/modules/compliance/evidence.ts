import { CATEGORY_INFO, type DashboardItem, type EvidenceRef, type TrafficLight } from '@harbour/shared';
import type { AppContext } from '../../context.js';
import { roleHolders } from '../policy/data.js';
import { Providers } from '../policy/settings.js';
import { SafeguardingContacts } from '../settings/registry.js';
import { getSetting } from '../settings/service.js';
import { evidenceFrom } from './evidence-sources.js';

/** One line of live evidence beside a checklist item: what Harbour holds, and a light for it. */
export interface EvidenceLine {
  label: string;
  light: TrafficLight;
  figure: string;
}

const PUPIL_GROUP_KINDS = new Set(['eyfs_ks1', 'ks2']);

/**
 * Reads what the checklists cite as evidence, once per request: the dashboard (already computed by the caller),
 * the settings the policy names and the filtering groups. Counts and yes/no only, never a name.
 */
export async function evidenceReader(ctx: AppContext, schoolId: string, items: DashboardItem[]) {
  const byKey = new Map(items.map((i) => [i.key, i]));
  const contacts = await getSetting(ctx, SafeguardingContacts, schoolId);
  const providers = await getSetting(ctx, Providers, schoolId);
  const leaders = [
    ...(await roleHolders(ctx.db, schoolId, 'headteacher')),
    ...(await roleHolders(ctx.db, schoolId, 'leadership')),
  ];
  const groups = (
    await ctx.db
      .selectFrom('filter_groups')
      .select(['kind', 'aup_only', 'blocked_categories', 'safe_search'])
      .where('school_id', '=', schoolId)
      .execute()
  ).map((g) => ({
    kind: g.kind,
    aupOnly: g.aup_only === 1,
    blocked: new Set(JSON.parse(g.blocked_categories) as string[]),
    safeSearch: JSON.parse(g.safe_search) as { google?: boolean; youtube?: string },
  }));
  const reports = await ctx.db
    .selectFrom('filter_reports')
    .select(['status'])
    .where('school_id', '=', schoolId)
    .execute();
  const monitoring = await evidenceFrom('monitoring', ctx, schoolId, {
    from: '0000',
    to: ctx.clock.now().toISOString(),
  });

  return (ref: EvidenceRef): EvidenceLine => {
    if ('dashboard' in ref) {
      const i = byKey.get(ref.dashboard);
      return i
        ? { label: i.commitment, light: i.light, figure: i.figure }
        : { label: ref.dashboard, light: 'grey', figure: 'No evidence yet' };
    }
    if ('setting' in ref) {
      if (ref.setting === 'governor_lead')
        return contacts.governorLeadPersonId
          ? { label: 'Governor lead', light: 'green', figure: 'Named in the settings' }
          : { label: 'Governor lead', light: 'red', figure: 'Not named in the settings' };
      if (ref.setting === 'dsl') {
        const n = contacts.dslPersonIds.length;
        return {
          label: 'Designated safeguarding leads',
          light: n > 0 ? 'green' : 'red',
          figure: `${n} named, with ${contacts.deputyPersonIds.length} deputies`,
        };
      }
      if (ref.setting === 'leadership')
        return {
          label: 'Leadership',
          light: leaders.length > 0 ? 'green' : 'red',
          figure: `${new Set(leaders.map((l) => l.id)).size} members of the leadership team hold the role in Harbour`,
        };
      return {
        label: 'Providers',
        light: providers.filteringProvider ? 'green' : 'red',
        figure: `Filtering: ${providers.filteringProvider}; monitoring: ${providers.monitoringProvider ?? 'none named'}; IT support: ${providers.technicalSupport ?? 'none named'}`,
      };
    }
    if ('category' in ref) {
      const label = `Category: ${CATEGORY_INFO[ref.category].label}`;
      if (ref.category === 'illegal')
        return { label, light: 'green', figure: 'Blocked for everyone; Harbour cannot allow it' };
      const pupils = groups.filter((g) => PUPIL_GROUP_KINDS.has(g.kind));
      const n = pupils.filter((g) => g.blocked.has(ref.category)).length;
      return {
        label,
        light: pupils.length === 0 ? 'grey' : n === pupils.length ? 'green' : n > 0 ? 'amber' : 'red',
        figure:
          pupils.length === 0 ? 'No pupil groups yet' : `Blocked in ${n} of ${pupils.length} pupil groups`,
      };
    }
    if ('filtering' in ref) {
      if (ref.filtering === 'groups')
        return {
          label: 'Filtering groups',
          light: groups.some((g) => PUPIL_GROUP_KINDS.has(g.kind)) ? 'green' : 'red',
          figure: `${groups.length} groups (${[...new Set(groups.map((g) => g.kind))].join(', ') || 'none'})`,
        };
      if (ref.filtering === 'guests') {
        const g = groups.find((x) => x.kind === 'guests');
        return {
          label: 'Guest network',
          light: g ? 'green' : 'amber',
          figure: g
            ? `Filtered${g.aupOnly ? '; guests reach only the AUP until they accept it' : ''}`
            : 'No guest group',
        };
      }
      if (ref.filtering === 'safe_search') {
        const pupils = groups.filter((x) => PUPIL_GROUP_KINDS.has(x.kind));
        const n = pupils.filter((x) => x.safeSearch.google && x.safeSearch.youtube !== 'off').length;
        return {
          label: 'Safe search',
          light: pupils.length > 0 && n === pupils.length ? 'green' : 'amber',
          figure: `Enforced in ${n} of ${pupils.length} pupil groups`,
        };
      }
      const open = reports.filter((r) => r.status === 'open').length;
      return {
        label: 'Block-page reports',
        light: open === 0 ? 'green' : 'amber',
        figure: `${reports.length - open} dealt with, ${open} open`,
      };
    }
    return monitoring
      ? {
          label: 'Monitoring',
          light: monitoring.untriagedOverdue === 0 ? 'green' : 'amber',
          figure: `${monitoring.alertsTriaged} alerts triaged; ${monitoring.untriagedOverdue} waiting over a day`,
        }
      : { label: 'Monitoring', light: 'grey', figure: 'No evidence yet' };
  };
}
