import { loadKnowledge } from '../src/core/knowledge';
import { createEngine } from '../src/core/engine';
const { articles } = await loadKnowledge('knowledge');
const e = createEngine(articles);
const r = e.index.search([{ term: 'marco', root: true }, { term: 'rubio', root: true }, { term: 'meet', root: true }]);
console.log(JSON.stringify(r.slice(0, 2), null, 1));
