import type { TimeWindow } from './policy.js';

/**
 * Schedules run in the school's own time zone (clarification 11), so a window "12:00-13:00 Monday" follows
 * the clocks when British Summer Time starts or ends.
 */
const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Minutes since Monday 00:00 in `timeZone` at `nowMs` (0 .. 10079). Throws for an unknown time zone. */
export function minuteOfWeek(nowMs: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  let day = 1;
  let hour = 0;
  let minute = 0;
  for (const part of f.formatToParts(nowMs)) {
    if (part.type === 'weekday') day = WEEKDAY[part.value] ?? 1;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return (day - 1) * MINUTES_PER_DAY + hour * 60 + minute;
}

const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a window is open at minute-of-week `m`; a window whose `to` is not after `from` ends the next day. */
export function windowOpen(w: TimeWindow, m: number): boolean {
  const from = toMinutes(w.from);
  let to = toMinutes(w.to);
  if (to <= from) to += MINUTES_PER_DAY;
  for (const d of w.days) {
    const start = (d - 1) * MINUTES_PER_DAY + from;
    const end = (d - 1) * MINUTES_PER_DAY + to;
    // A Sunday window that runs past midnight continues into Monday's start of the week.
    if ((m >= start && m < end) || (m + MINUTES_PER_WEEK >= start && m + MINUTES_PER_WEEK < end)) return true;
  }
  return false;
}

export const anyWindowOpen = (windows: readonly TimeWindow[], m: number): boolean =>
  windows.some((w) => windowOpen(w, m));
