import { CATEGORY_INFO, isFilterCategory } from '@harbour/shared';

/**
 * The block page's HTML (issue 4, clarification 15): what was blocked and why, that use is monitored,
 * "report this", and the CEOP button. Plain server-rendered HTML, no script: it must work on any device and
 * at 320 px, and be readable by a screen reader.
 */
export const CEOP_URL = 'https://www.ceop.police.uk/Safety-Centre/';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}
.card{background:#fff;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0;border:1px solid #d0d7de}
.notice{background:#fff8c5;border-color:#d4a72c}
.ceop{display:inline-block;background:#b00020;color:#fff;padding:.6rem 1rem;border-radius:6px;font-weight:700;text-decoration:none}
.ceop:focus,button:focus,a:focus,input:focus,textarea:focus{outline:3px solid #0969da;outline-offset:2px}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer}
label{display:block;margin:.5rem 0 .25rem}
textarea,input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.4rem}
fieldset{border:0;padding:0;margin:0}
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main id="main">${body}
<p><a class="ceop" href="${CEOP_URL}" rel="noreferrer">Report to CEOP</a></p>
<p>Worried about something you saw online? Tell a trusted adult, or use the CEOP button to report it to the police.</p>
</main></body></html>`;
}

export interface BlockView {
  name: string;
  schoolName: string;
  groupName: string | null;
  /** The block's reason from the decision (category, deny-entry, not-allowed, illegal, rule), or null. */
  reason: string | null;
  category: string | null;
  monitoringNotice: string;
  token: string;
}

function why(v: BlockView): string {
  const group = v.groupName ? ` for ${esc(v.groupName)}` : '';
  if (v.reason === 'illegal') return `It is on a list of illegal content that is blocked for everyone.`;
  if (v.reason === 'not-allowed') return `Only sites the school has approved can be used${group}.`;
  if (v.category && isFilterCategory(v.category))
    return `It is blocked${group} because it is in the category <strong>${esc(CATEGORY_INFO[v.category].label)}</strong>.`;
  if (v.reason === 'deny-entry' || v.reason === 'rule') return `The school has blocked this site${group}.`;
  return `The school’s filter blocked this site${group}.`;
}

export function blockedPage(v: BlockView): string {
  const wrongly =
    v.reason === 'illegal'
      ? ''
      : `<label><input type="radio" name="kind" value="wrongly_blocked" checked> This site is blocked but I need it (for learning or work)</label>`;
  return page(
    'Site blocked',
    `<h1>This site is blocked</h1>
<div class="card"><p><strong>${esc(v.name)}</strong> cannot be opened on ${esc(v.schoolName)}’s network.</p><p>${why(v)}</p></div>
<div class="card notice"><p>${esc(v.monitoringNotice)}</p></div>
<div class="card"><h2>Report this</h2>
<form method="post" action="/.harbour/report">
<input type="hidden" name="token" value="${esc(v.token)}">
<fieldset><legend>What would you like to tell the school?</legend>
${wrongly}
<label><input type="radio" name="kind" value="unsuitable"${wrongly ? '' : ' checked'}> Something unsuitable got through, or this worried me</label>
</fieldset>
<label for="site">Address of an unsuitable site that got through (if any)</label>
<input type="text" id="site" name="site" maxlength="2000" autocomplete="off">
<label for="comment">Anything else the school should know (optional)</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<p><button type="submit">Report this</button></p>
</form></div>`,
  );
}

export function notBlockedPage(o: { schoolName: string; monitoringNotice: string; token: string }): string {
  return page(
    'Harbour',
    `<h1>Report a site</h1>
<div class="card"><p>This is ${esc(o.schoolName)}’s filtering page. If something unsuitable got through the filter, tell the school here.</p></div>
<div class="card notice"><p>${esc(o.monitoringNotice)}</p></div>
<div class="card"><form method="post" action="/.harbour/report">
<input type="hidden" name="token" value="${esc(o.token)}"><input type="hidden" name="kind" value="unsuitable">
<label for="site">Address of the site</label>
<input type="text" id="site" name="site" maxlength="2000" required autocomplete="off">
<label for="comment">What happened (optional)</label>
<textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<p><button type="submit">Report this</button></p>
</form></div>
<p><a href="/.harbour/ca.crt">The school’s block-page certificate</a> (for the IT provider to install on school devices).</p>`,
  );
}

export const thanksPage = (): string =>
  page(
    'Report sent',
    `<h1>Thank you</h1><div class="card" role="status"><p>Your report has been sent to the school’s online-safety team. They will look at it.</p></div>`,
  );

export const problemPage = (message: string): string =>
  page(
    'Report not sent',
    `<h1>Report not sent</h1><div class="card" role="alert"><p>${esc(message)}</p></div>`,
  );
