import { makePdf } from '../../lib/pdf.js';
import { CONTACTS, policySections, TEMPLATE_VERSION } from './template.js';
import type { Block, PolicyData, Section } from './template-types.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const sectionLabel = (s: Section): string =>
  `${s.number}${s.allSouls ? ` [${s.allSouls}]` : ''} ${s.title}`;

export const policyTitle = (d: PolicyData): string => `${d.schoolName}: Online Safety Policy`;

function blockHtml(b: Block): string {
  if ('p' in b) return `<p>${esc(b.p)}</p>`;
  return `<ul>${b.ul.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
}

/** The policy as a standalone, accessible HTML document (what the stable URL serves and the app shows). */
export function renderPolicyHtml(d: PolicyData): string {
  const sections = policySections(d);
  const body = sections
    .map((s) => {
      const h = s.level === 1 ? 'h2' : 'h3';
      return `<section id="s${esc(s.number)}"><${h}>${esc(sectionLabel(s))}</${h}>${s.blocks.map(blockHtml).join('')}</section>`;
    })
    .join('\n');
  const contacts = CONTACTS.map(
    (g) =>
      `<h3>${esc(g.heading)}</h3><table><thead><tr><th scope="col">Service</th><th scope="col">Contact</th></tr></thead><tbody>${g.entries
        .map((e) => `<tr><td>${esc(e.name)}</td><td>${esc(e.detail || '—')}</td></tr>`)
        .join('')}</tbody></table>`,
  ).join('');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(policyTitle(d))}</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.5;color:#1b1f24}table{border-collapse:collapse;width:100%}th,td{border:1px solid #c4ccd4;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}.meta{color:#4a5560}</style>
</head><body><main>
<h1>${esc(policyTitle(d))}</h1>
<p class="meta">Version ${d.version}. Section numbers follow the Kent template; a number in square brackets is the one some schools’ versions use.</p>
${body}
<section id="contacts"><h2>Appendix: online safety contacts</h2>${contacts}</section>
<p class="meta">Rendered by Harbour from the school’s settings (template ${TEMPLATE_VERSION}).</p>
</main></body></html>`;
}

export async function renderPolicyPdf(d: PolicyData): Promise<Buffer> {
  const sections = policySections(d);
  return makePdf({ title: policyTitle(d), author: d.schoolName }, (w) => {
    w.title(policyTitle(d));
    w.small(
      `Version ${d.version}. Section numbers follow the Kent template; a number in square brackets is the one some schools’ versions use.`,
    );
    for (const s of sections) {
      w.heading(sectionLabel(s), s.level);
      for (const b of s.blocks)
        if ('p' in b) w.paragraph(b.p);
        else w.bullets(b.ul);
    }
    w.heading('Appendix: online safety contacts', 1);
    for (const g of CONTACTS) {
      w.heading(g.heading, 2);
      w.table(
        ['Service', 'Contact'],
        g.entries.map((e) => [e.name, e.detail || '—']),
      );
    }
    w.small(`Rendered by Harbour from the school’s settings (template ${TEMPLATE_VERSION}).`);
  });
}
