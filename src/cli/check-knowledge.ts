import { parseArgs } from 'node:util';
import { describeProblem, loadKnowledge } from '../core/knowledge';
import { splitArticle } from '../core/passages';
import { settingsOrExit } from './env';

/** `npm run check-knowledge [-- --knowledge DIR]`: lists every article file that cannot be used; exits 1 if there is one. */
const { values } = parseArgs({ options: { knowledge: { type: 'string' } } });
const settings = settingsOrExit(values.knowledge ? { KNOWLEDGE_DIR: values.knowledge } : {});
const { articles, problems } = await loadKnowledge(settings.KNOWLEDGE_DIR);
const passages = articles.reduce((sum, article) => sum + splitArticle(article).length, 0);

for (const problem of problems) process.stderr.write(`✗ ${describeProblem(problem)}\n`);
process.stdout.write(`${articles.length} article${articles.length === 1 ? '' : 's'} valid (${passages} passages), ${problems.length} invalid in ${settings.KNOWLEDGE_DIR}\n`);
process.exit(problems.length ? 1 : 0);
