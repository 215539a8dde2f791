import type { TrafficLight } from '@harbour/shared';

/** Shapes and small pieces shared by the compliance pages (apps/server/src/modules/compliance and the registers). */
export const LIGHT_LABELS: Record<TrafficLight, string> = {
  green: 'Met',
  amber: 'Needs attention',
  red: 'Not met',
  grey: 'No evidence yet',
};

/** A traffic light that says what it means in words, so colour is never the only signal. */
export function Light({ light }: { light: TrafficLight }) {
  return <span className={`light light-${light}`}>{LIGHT_LABELS[light]}</span>;
}

export interface PersonOption {
  id: string;
  name: string;
  className?: string | null;
}

/** YYYY-MM-DD as "23 November 2026". */
export function longDate(day: string | null): string {
  if (!day) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${day.slice(0, 10)}T12:00:00Z`),
  );
}
