/**
 * "Answered since" with the real engine: a question the articles do not answer is recorded as
 * declined and shows up in the gaps; an article that answers it is added to the knowledge folder
 * and the library reloaded (as the bot's watcher does); the same report, built again with the
 * current engine, marks it answered since, with that article. Nothing in the record changes:
 * building the report on demand with the current engine is all the "re-check" there is.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../support/engine';
import { newAnswerId } from '../../src/feedback/custom-ids';
import { FeedbackLog } from '../../src/feedback/feedback-log';
import { gapsDigestSection } from '../../src/feedback/digest-section';
import { ManualClock } from '../support/manual-clock';
import { temporaryDir } from '../support/temporary-dir';
import { captureLog } from './helpers';
import '../support/unhandled';

const REPO_KNOWLEDGE = fileURLToPath(new URL('../../knowledge', import.meta.url));
const QUESTION = 'How many tonnes of uranium did Kazatomprom mine in 2025?';

const URANIUM_ARTICLE = `---
title: Kazatomprom Reports Its 2025 Uranium Output
publisher: Test Wire
published: 2026-11-20
url: https://example.org/uranium
tags: [uranium]
---

Kazatomprom mined 23,000 tonnes of uranium in 2025, the company said in its annual report.
`;

describe('answered since, with the real engine', () => {
  it('a declined question is a gap until an article that answers it is added; then it is marked answered since, with the article', async () => {
    const knowledge = temporaryDir('gaps-knowledge-');
    cpSync(REPO_KNOWLEDGE, knowledge, { recursive: true });
    const logs = captureLog();
    const library = await openLibrary(knowledge, { cacheDir: temporaryDir('gaps-cache-'), log: logs.log });
    const clock = new ManualClock('2026-11-23T09:00:00Z');
    const feedback = await FeedbackLog.open({ dir: temporaryDir('gaps-state-'), log: logs.log, clock, analyze: (q) => library.engine.analyzer.queryTerms(q) });
    const answerNow = (q: string) => library.engine.answer(q);

    // The bot declines it, replies, then records it.
    const answer = library.engine.answer(QUESTION);
    expect(answer.answered).toBe(false);
    feedback.recordAnswer({ answerId: newAnswerId(), command: 'ask', userId: '100000000000000001', question: QUESTION, answer });

    const before = await feedback.report({ answerNow });
    expect(before.gaps.map((g) => [g.example, g.answeredSince])).toEqual([[QUESTION, null]]);
    expect(gapsDigestSection(before, '2026-11-23', 'monday')?.items.map((i) => i.question)).toEqual([QUESTION]);

    writeFileSync(join(knowledge, '2026-11-20-kazatomprom-uranium-output.md'), URANIUM_ARTICLE);
    await library.refresh();

    const after = await feedback.report({ answerNow });
    expect(after.gaps[0]!.answeredSince).toMatchObject({
      how: 'answered',
      file: '2026-11-20-kazatomprom-uranium-output.md',
      title: 'Kazatomprom Reports Its 2025 Uranium Output',
      excerpt: expect.stringContaining('23,000 tonnes of uranium'),
    });
    // The weekly section lists only what is still open, and counts the rest.
    expect(gapsDigestSection(after, '2026-11-23', 'monday')).toBeNull();
    expect(logs.errors()).toEqual([]);
  });
});
