import { CONSENT_CHANNELS, type ConsentChannel } from '@harbour/shared';
import type { ImageConsentTable } from '../../db/schema-compliance.js';

export interface ChannelAnswer {
  channel: ConsentChannel;
  allowed: boolean;
  reason: 'given' | 'no_consent' | 'withdrawn';
  /** The parent whose decision settles it (the one who withdrew, or the latest to give). */
  parentId: string | null;
  decidedOn: string | null;
}

const later = (a: ImageConsentTable, b: ImageConsentTable) =>
  a.decided_on > b.decided_on || (a.decided_on === b.decided_on && a.recorded_at > b.recorded_at);

/**
 * May this pupil's image be published on this channel? Clarification 16: no consent means no, and one
 * parent's withdrawal wins. Each parent's latest decision (by the date on it, then when it was recorded)
 * counts; a withdrawal is a new entry, so it takes effect the moment it is recorded.
 */
export function decideChannel(entries: ImageConsentTable[], channel: ConsentChannel): ChannelAnswer {
  const latest = new Map<string, ImageConsentTable>();
  for (const e of entries) {
    if (e.channel !== channel) continue;
    const cur = latest.get(e.parent_id);
    if (!cur || later(e, cur)) latest.set(e.parent_id, e);
  }
  const decisions = [...latest.values()];
  const withdrawn = decisions
    .filter((d) => d.decision === 'withdrawn')
    .sort((a, b) => (later(a, b) ? -1 : 1));
  if (withdrawn[0])
    return {
      channel,
      allowed: false,
      reason: 'withdrawn',
      parentId: withdrawn[0].parent_id,
      decidedOn: withdrawn[0].decided_on,
    };
  const given = decisions.sort((a, b) => (later(a, b) ? -1 : 1))[0];
  if (given)
    return {
      channel,
      allowed: true,
      reason: 'given',
      parentId: given.parent_id,
      decidedOn: given.decided_on,
    };
  return { channel, allowed: false, reason: 'no_consent', parentId: null, decidedOn: null };
}

export function decideAll(
  entries: ImageConsentTable[],
  channels: readonly ConsentChannel[] = CONSENT_CHANNELS,
) {
  return channels.map((ch) => decideChannel(entries, ch));
}
