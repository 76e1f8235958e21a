import { readFileSync } from 'node:fs';
import { loadKnowledge } from '../src/core/knowledge';
import { createEngine } from '../src/core/engine';
import { answerQuestion } from '../src/core/answer';
import { createEnglishModel } from '../src/core/text/english';
const q = JSON.parse(readFileSync('tests/eval/questions.json', 'utf8'));
const { articles } = await loadKnowledge('knowledge');
const e = createEngine(articles);
const ctx = { index: e.index, passages: e.passages, analyzer: e.analyzer, english: createEnglishModel(e.analyzer) };
const extra = JSON.parse(process.argv[2] ?? '{}');
const cov = (question: string) => {
  let lo = 0, hi = 1.01;
  for (let i = 0; i < 12; i++) { const mid = (lo + hi) / 2; if (answerQuestion(question, ctx, { ...extra, minCoverage: mid }).answered) lo = mid; else hi = mid; }
  return lo;
};
const rows: [number, string][] = [];
for (const { question, expect } of q.answerable) {
  const a = answerQuestion(question, ctx, { ...extra, minCoverage: 0 });
  const right = a.results[0]?.passage.text.includes(expect);
  rows.push([cov(question), `${right ? 'A ' : 'A✗'} ${question}`]);
}
for (const question of q.unanswerable) rows.push([cov(question), `U  ${question}`]);
rows.sort((a, b) => a[0] - b[0]);
for (const [c, s] of rows) if (c > 0.45 && c < 0.9) console.log(c.toFixed(3), s);
