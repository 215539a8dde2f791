import type { CompiledQuery, Compilable } from 'kysely';
import type { Executor } from './index.js';

/**
 * A query built and compiled once per dialect, then run with new parameters: for the few queries every request
 * makes (the session lookup, its roles, the people revision). Kysely otherwise builds and compiles the query's
 * tree on each call, which costs several times what SQLite takes to answer it. The builder is called once with
 * marker strings in place of the arguments; the compiled parameters are mapped back to argument positions, so
 * the builder must use each argument only as a plain value (not to choose the query's shape).
 */
export function prepared<R>(
  build: (db: Executor, ...args: string[]) => Compilable<R>,
): (db: Executor, ...args: string[]) => Promise<R[]> {
  const byAdapter = new WeakMap<object, { compiled: CompiledQuery<R>; order: (number | { v: unknown })[] }>();
  const MARK = '\u0000harbour-arg-';
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let entry = byAdapter.get(adapter);
    if (!entry) {
      const compiled = build(db, ...args.map((_, i) => `${MARK}${i}`)).compile();
      const order = compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : { v: p },
      );
      entry = { compiled, order };
      byAdapter.set(adapter, entry);
    }
    const { compiled, order } = entry;
    const parameters = order.map((o) => (typeof o === 'number' ? args[o] : o.v));
    const result = await db.executeQuery<R>({ ...compiled, parameters });
    return result.rows;
  };
}
