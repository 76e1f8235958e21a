import { loadKnowledge } from '../src/core/knowledge';
import { createEngine } from '../src/core/engine';
import { answerQuestion } from '../src/core/answer';
const { articles } = await loadKnowledge('knowledge');
const e = createEngine(articles);
const ctx = { index: e.index, passages: e.passages, analyzer: e.analyzer, english: (await import('../src/core/text/english')).createEnglishModel(e.analyzer) };
const a = answerQuestion(process.argv[2]!, ctx, JSON.parse(process.argv[3] ?? '{}'));
console.log(e.analyzer.queryTerms(process.argv[2]!));
for (const r of a.results) console.log(r.score.toFixed(2), r.matchedTerms, r.passage.text.slice(0, 80));
