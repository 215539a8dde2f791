import { MonitorClassifier, builtInLibrary, type MonitorCategory } from '@harbour/shared';
import { evaluate, loadEvalSet, type EvalReport } from './eval.js';

/** Realistic traffic: mostly innocent searches (the eval set's own and generated ones), one in 20 harmful. */
function realisticMix(items: ReturnType<typeof loadEvalSet>): string[] {
  const innocent = items.filter((i) => i.category === null).map((i) => i.text);
  const harmful = items.filter((i) => i.category !== null).map((i) => i.text);
  const things = ['cat', 'dog', 'horse', 'unicorn', 'dragon', 'shark', 'penguin', 'lion', 'owl', 'fox'];
  const topics = [
    'volcanoes',
    'the romans',
    'fractions',
    'the water cycle',
    'rainforests',
    'the solar system',
  ];
  const generated: string[] = [];
  for (const a of things)
    for (const t of topics)
      generated.push(
        `how to draw a ${a}`,
        `${t} for kids`,
        `${a} facts ${t}`,
        `minecraft ${a} house`,
        `why do ${a}s like ${t}`,
      );
  const mix: string[] = [];
  for (let i = 0; i < 4000; i++)
    mix.push(
      i % 20 === 0
        ? (harmful[i % harmful.length] ?? '')
        : i % 2
          ? (innocent[i % innocent.length] ?? '')
          : (generated[i % generated.length] ?? ''),
    );
  return mix;
}

function throughput(classify: (t: string) => unknown, texts: string[], ms: number): number {
  for (const t of texts) classify(t); // warm up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const t of texts) classify(t);
    n += texts.length;
  }
  return n / ((performance.now() - start) / 1000);
}

const pct = (x: number): string => (Number.isNaN(x) ? '   - ' : x.toFixed(3));

export function runClassifierBench(smoke: boolean): {
  report: EvalReport;
  mixRate: number;
  evalRate: number;
} {
  const t0 = performance.now();
  const library = builtInLibrary();
  const c = new MonitorClassifier(library);
  const compileMs = performance.now() - t0;
  const items = loadEvalSet();
  const ms = smoke ? 300 : 3000;
  const mix = realisticMix(items);
  // Same-run baseline: the cheapest possible "classifier" (lower-case, look for one word), to show how fast
  // this machine is right now.
  const baseRate = throughput((t) => t.toLowerCase().includes('suicide'), mix, ms);
  const mixRate = throughput((t) => c.classify(t), mix, ms);
  const evalRate = throughput(
    (t) => c.classify(t),
    items.map((i) => i.text),
    ms,
  );
  console.log('\n== Classifier (one core, library loaded)');
  console.log(
    `library: ${library.phrases.length} phrases, ${library.rules.length} rules, ${library.exclusions.length} innocent phrases, ${library.contexts.length} context terms -> ${c.patternCount} patterns, compiled in ${compileMs.toFixed(0)} ms`,
  );
  console.log(
    `throughput, realistic mix (1 in 20 harmful): ${Math.round(mixRate).toLocaleString('en-GB')} texts/s`,
  );
  console.log(
    `throughput, evaluation set (60% harmful):    ${Math.round(evalRate).toLocaleString('en-GB')} texts/s`,
  );
  console.log(
    `same-run baseline, toLowerCase().includes(one word): ${Math.round(baseRate).toLocaleString('en-GB')} texts/s`,
  );
  console.log('target: >= 200,000 texts/s');

  const report = evaluate(c, items);
  console.log(
    `\n== Accuracy on the evaluation set (${report.items} texts: ${JSON.stringify(report.byLanguage)})`,
  );
  console.log('category        alerts (sev>=2)              severity 4-5');
  console.log('                precision recall     n       precision recall     n');
  for (const [cat, v] of Object.entries(report.categories)) {
    const h = report.highByCategory[cat as MonitorCategory];
    console.log(
      `${cat.padEnd(15)} ${pct(v.precision)}     ${pct(v.recall)}  ${String(v.expected).padStart(5)}       ${pct(h.precision)}     ${pct(h.recall)}  ${String(h.expected).padStart(5)}`,
    );
  }
  console.log(
    `severity 4-5 overall: precision ${pct(report.high.precision)}, recall ${pct(report.high.recall)} (n=${report.high.expected}); targets precision >= 0.90, recall >= 0.95`,
  );
  console.log(
    `innocent texts raising an alert: ${report.innocent.raised} of ${report.innocent.total}; severity agreement on hits: exact ${pct(report.severityExact)}, within one ${pct(report.severityWithinOne)}`,
  );
  if (process.argv.includes('--misses'))
    for (const m of report.misses)
      console.log(
        `  ${m.item.lang}:${m.item.line} ${JSON.stringify(m.item.text)} want ${m.item.category ?? 'none'} ${m.item.severity} got ${m.got}`,
      );
  return { report, mixRate, evalRate };
}
