import type { Executor } from '../../db/index.js';
import { builtIn } from './classify.js';

/**
 * The library's wording for matched ids ("en:kill myself" -> "kill myself"): what the DSL sees of why an event
 * matched. School phrases are looked up in the school's terms.
 */
let table: Map<string, { text: string; category: string }> | null = null;

function builtInWording() {
  if (table) return table;
  const lib = builtIn();
  table = new Map<string, { text: string; category: string }>();
  for (const p of lib.phrases) table.set(p.id, { text: p.text, category: p.category });
  for (const r of lib.rules)
    table.set(r.id, { text: r.groups.map((g) => g[0]?.text ?? '').join(' + '), category: r.category });
  return table;
}

export async function wordingOf(
  db: Executor,
  schoolId: string,
  ids: string[],
): Promise<Map<string, { text: string; category: string }>> {
  const base = builtInWording();
  const out = new Map<string, { text: string; category: string }>();
  const school: string[] = [];
  for (const id of new Set(ids)) {
    const w = base.get(id);
    if (w) out.set(id, w);
    else if (id.startsWith('school:')) school.push(id.slice('school:'.length));
  }
  if (school.length > 0)
    for (const t of await db
      .selectFrom('monitor_terms')
      .select(['id', 'text', 'category'])
      .where('school_id', '=', schoolId)
      .where('id', 'in', school)
      .execute())
      out.set(`school:${t.id}`, { text: t.text, category: t.category ?? '' });
  return out;
}
