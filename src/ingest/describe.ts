/** The words for feeds, checks and tests, as plain text: the CLI prints them; the bot can show them as they are. */
import { plural } from '../util/text';
import { REASONS, type CheckReport, type FeedView, type ItemReport, type TestReport } from './feed-service';

/** 2026-03-10 06:30 UTC */
export const time = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC') : 'never');

/**
 * Where a feed stands since its last error: still failing (how many checks in a row), recovered
 * (a good check since), or resumed and not checked yet (resume resets the count, not the error).
 */
export function sinceLastError(feed: Pick<FeedView, 'failures' | 'lastError' | 'lastSuccessAt'>): string {
  if (feed.failures) return `${plural(feed.failures, 'failed check')} in a row`;
  if (feed.lastError && feed.lastSuccessAt && feed.lastSuccessAt > feed.lastError.at) return 'since recovered';
  return 'not checked since it was resumed';
}

/** One feed as `list` shows it: name, keywords, state, last success, counts, last error. */
export function describeFeed(feed: FeedView): string {
  const lines = [`${feed.title ?? '(no title)'} — ${feed.url}`];
  lines.push(`  keywords: ${feed.keywords.length ? feed.keywords.join(', ') : 'none (every item)'}; added ${time(feed.addedAt)} by ${feed.addedBy}`);
  lines.push(feed.paused ? `  PAUSED since ${time(feed.paused.at)}: ${feed.paused.reason}` : `  next check: ${time(feed.nextCheckAt)}`);
  const recorded = feed.recorded ? `; ${plural(feed.recorded, 'item')} already in the feed at its first check recorded, not imported` : '';
  lines.push(`  last success: ${time(feed.lastSuccessAt)}; imported ${feed.imported}, skipped ${feed.skipped}${recorded}`);
  if (feed.lastError) lines.push(`  last error (${time(feed.lastError.at)}, ${sinceLastError(feed)}): ${feed.lastError.message}`);
  return lines.join('\n');
}

/** What a first check did: recorded what the feed has, after taking its newest items as new when asked (backfill). */
function firstCheck(report: CheckReport, recorded: number): string {
  if (!report.first) return '';
  const rest = `${plural(recorded, 'item')} already in the feed recorded, not imported`;
  if (!report.backfill) return ` (first check: ${rest})`;
  return ` (first check: the newest ${plural(report.backfill, 'item')} taken as new, as asked; ${rest})`;
}

/**
 * A check's items by outcome. Items already in the feed at its first check are counted apart
 * (recorded): they were not skipped for anything wrong with them.
 */
export function outcomesOf(report: CheckReport): { imported: ItemReport[]; recorded: number; skipped: ItemReport[]; retry: ItemReport[] } {
  const firstCheck = (item: ItemReport) => item.outcome === 'skipped' && item.reason === REASONS.atFirstCheck;
  return {
    imported: report.items.filter((item) => item.outcome === 'imported'),
    recorded: report.items.filter(firstCheck).length,
    skipped: report.items.filter((item) => item.outcome === 'skipped' && !firstCheck(item)),
    retry: report.items.filter((item) => item.outcome === 'retry'),
  };
}

/** One check: counts, then each imported file and each item not imported with why (not for a first check, which may record thousands). */
export function describeCheck(report: CheckReport): string {
  const name = `${report.title ?? report.url}${report.title ? ` (${report.url})` : ''}`;
  const { imported, recorded, skipped, retry } = outcomesOf(report);
  const head: Record<CheckReport['status'], string> = {
    checked: `${name}: imported ${imported.length}, skipped ${skipped.length}${retry.length ? `, ${retry.length} to try again` : ''}${report.deferred ? `, ${report.deferred} left for the next check` : ''}${firstCheck(report, recorded)}`,
    'not-modified': `${name}: nothing new (not modified)`,
    failed: `${name}: ✗ ${report.error}${report.nextCheckAt ? ` (next try ${time(report.nextCheckAt)})` : ''}`,
    paused: `${name}: ✗ paused: ${report.error}`,
    busy: `${name}: being checked by the bot right now; skipped`,
    stopped: `${name}: stopped before the check finished`,
    removed: `${name}: removed while being checked`,
  };
  const lines = [head[report.status]];
  if (report.note) lines.push(`  note: ${report.note}`);
  for (const item of imported) lines.push(`  + ${item.file}  (${item.title ?? item.link ?? item.id})`);
  // A first check lists nothing item by item: it can be thousands of "older than the first check".
  if (!report.first) for (const item of [...skipped, ...retry]) lines.push(`  - ${item.title ?? item.link ?? item.id}: ${item.reason}`);
  return lines.join('\n');
}

/** What `test` found: each item, whether it would be taken, and why. */
export function describeTest(report: Extract<TestReport, { ok: true }>): string {
  const lines = [`${report.title ?? '(no title)'} — ${report.url} (${report.format}, ${report.total} item${report.total === 1 ? '' : 's'})`];
  if (report.note) lines.push(`note: ${report.note}`);
  for (const item of report.items) {
    lines.push(`${item.take ? '✓ take' : '· skip'}  ${item.published?.slice(0, 10) ?? '          '}  ${item.title ?? item.link ?? item.id}`);
    lines.push(`        ${item.reason}`);
  }
  const taken = report.items.filter((i) => i.take).length;
  lines.push(`${taken} of ${report.items.length} would be taken.`);
  return lines.join('\n');
}
