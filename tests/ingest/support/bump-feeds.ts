/** A second process changing the feeds: `node --import tsx bump-feeds.ts DIR COUNT` adds COUNT to the first feed's failure count and COUNT items to its items, one change at a time. */
import { systemClock } from '../../../src/util/clock';
import { FeedStore } from '../../../src/ingest/feed-store';
import { createLogger } from '../../../src/util/logger';

const [dir, count] = process.argv.slice(2);
const store = new FeedStore(dir!, { clock: systemClock, log: createLogger('silent') });
for (let i = 0; i < Number(count); i++) {
  await store.update((state) => {
    const feed = state.feeds[0]!;
    feed.failures++;
    feed.items = [...feed.items, { id: `process ${process.pid} change ${i}`, at: new Date().toISOString(), outcome: 'skipped', reason: 'test' }];
  });
}
