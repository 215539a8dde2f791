/** Moved to lib/useRun.tsx (shared with the compliance pages); kept so the concerns pages' imports stay. */
export { useRun } from '../../lib/useRun';
