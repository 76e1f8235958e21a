import { readFileSync } from 'node:fs';
import { loadKnowledge } from '../src/core/knowledge';
import { createEngine } from '../src/core/engine';
import { termWeight, ANSWER_DEFAULTS } from '../src/core/answer';
import { rootOf } from '../src/core/search-index';

const q = JSON.parse(readFileSync('tests/eval/questions.json', 'utf8'));
const { articles } = await loadKnowledge('knowledge');
const engine = createEngine(articles);
const ctx = { index: engine.index, passages: engine.passages, analyzer: engine.analyzer, english: (engine as any).english ?? (await import('../src/core/text/english')).createEnglishModel(engine.analyzer) };
const only = process.argv[2];
const show = (question: string, expect: string | null) => {
  const terms = engine.analyzer.queryTerms(question);
  const passage = expect ? engine.passages.find((p) => p.text.includes(expect))! : null;
  const pterms = passage ? new Set([...engine.analyzer.indexTerms(passage.text), ...engine.analyzer.indexTerms(passage.section ?? '')]) : new Set<string>();
  const proots = new Set([...pterms].map(rootOf));
  let cov = 0, tot = 0;
  const parts = terms.map((t) => {
    const w = termWeight(t, ctx, ANSWER_DEFAULTS);
    tot += w;
    const m = pterms.has(t) ? '+' : proots.has(rootOf(t)) && rootOf(t) ? '~' : '-';
    if (m === '+') cov += w; else if (m === '~') cov += w / 2;
    return `${m}${t}:${w.toFixed(1)}(${ctx.english.frequency(t)})`;
  });
  const a = engine.answer(question);
  const ok = expect ? a.answered && a.results[0]?.passage.text.includes(expect) : !a.answered;
  if (only === 'fail' && ok) return;
  console.log(`${ok ? 'OK ' : 'BAD'} ${question}\n    ${parts.join(' ')}  cov=${(cov / tot).toFixed(2)}`);
};
for (const { question, expect } of q.answerable) show(question, expect);
for (const question of q.unanswerable) show(question, null);
