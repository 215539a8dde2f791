import {
  categoryLabel,
  safeSearchLabel,
  windowLabel,
  type SafeSearch,
  type TimeWindow,
} from '../../lib/filtering';

/** One operation of a change request in words (the stored op as the API returns it). */
export function opSummary(o: { op: string; [k: string]: unknown }): string {
  const s = (k: string) => (typeof o[k] === 'string' ? o[k] : '');
  const cats = (k: string) => ((o[k] as string[] | undefined) ?? []).map(categoryLabel).join(', ');
  switch (o.op) {
    case 'group.create':
      return `Add the group “${s('name')}” (${s('mode') === 'allowlist' ? 'approved sites only' : 'blocks ' + cats('blockedCategories')})`;
    case 'group.update': {
      const parts = [
        o.mode ? (o.mode === 'allowlist' ? 'approved sites only' : 'blocks its categories') : '',
        Array.isArray(o.subnets) ? `clients ${(o.subnets as string[]).join(', ') || 'none'}` : '',
        o.resolverAddress ? `resolver address ${s('resolverAddress')}` : '',
        o.blockedCategories ? `blocked: ${cats('blockedCategories')}` : '',
        o.safeSearch ? `safe search: ${safeSearchLabel(o.safeSearch as SafeSearch)}` : '',
        Array.isArray(o.allowLists) && o.allowLists.length
          ? `${o.allowLists.length} approved-site list${o.allowLists.length === 1 ? '' : 's'}`
          : '',
        o.isDefault === true ? 'the default group' : '',
        o.aupOnly === true ? 'visitor AUP first' : '',
      ].filter(Boolean);
      return `Change the group${o.name ? ` “${s('name')}”` : ''}: ${parts.join('; ')}`;
    }
    case 'group.delete':
      return 'Remove a group';
    case 'list.add':
      return `Add the list “${s('name')}” from a staged import`;
    case 'list.update':
      return `Change a list${o.enabled === false ? ': switch it off' : o.enabled === true ? ': switch it on' : ''}${o.stagedVersionId ? ': replace its entries' : ''}`;
    case 'list.remove':
      return 'Remove a list';
    case 'entry.add':
      return `${s('effect') === 'allow' ? 'Allow' : 'Deny'} ${s('domain')}${o.groupId ? ' for one group' : ' for every group'}${s('note') ? ` (${s('note')})` : ''}`;
    case 'entry.remove':
      return 'Remove an allow or deny entry';
    case 'schedule.add':
      return `Add the scheduled rule “${s('label')}”: ${s('effect') === 'allow' ? 'allow' : 'block'} ${[cats('categories'), ...((o.domains as string[] | undefined) ?? [])].filter(Boolean).join(', ')} at ${((o.windows as TimeWindow[] | undefined) ?? []).map(windowLabel).join('; ')}`;
    case 'schedule.update':
      return `Change the scheduled rule “${s('label')}”: ${s('effect') === 'allow' ? 'allow' : 'block'} ${[cats('categories'), ...((o.domains as string[] | undefined) ?? [])].filter(Boolean).join(', ')} at ${((o.windows as TimeWindow[] | undefined) ?? []).map(windowLabel).join('; ')}`;
    case 'schedule.remove':
      return 'Remove a scheduled rule';
    case 'settings.update':
      return 'Change the filtering settings';
    case 'baseline.update':
      return 'Change the trust baseline';
    default:
      return o.op;
  }
}
