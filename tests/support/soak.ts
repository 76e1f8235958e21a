/**
 * The soak's load: a mix of every command, autocomplete and "More results" clicks, dispatched to
 * the local Discord stand-in with a bounded number in flight, while the knowledge folder changes.
 * Used by `npm run soak` (scripts/soak.ts) and its short version in the test suite.
 */
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Library } from '../../src/library/library';
import { ALL_PERMISSIONS, snowflake, type InteractionHandle, type RecordedMessage, type StandIn } from './discord-standin';

/** Discord's limit for the first response; the soak holds the final answer to it too. */
export const DISCORD_LIMIT_MS = 3_000;

type Work = (standIn: StandIn, pool: PagePool) => InteractionHandle;

/** Messages with a "More results" button, as the bot sent them; clicks page through them. */
export class PagePool {
  private readonly entries: { message: RecordedMessage; userId: string }[] = [];
  add(message: RecordedMessage | undefined, userId: string) {
    if (!message || !moreButton(message)) return;
    this.entries.push({ message, userId });
    if (this.entries.length > 50) this.entries.shift();
  }
  pick(n: number) {
    return this.entries.length ? this.entries[n % this.entries.length] : undefined;
  }
}

function moreButton(message: RecordedMessage): string | undefined {
  const buttons = (message.components ?? []).flatMap((row: { components?: { style: number; custom_id?: string }[] }) => row.components ?? []);
  // The pager, not the Helpful / Not helpful buttons beside it.
  return buttons.find((b) => b.style === 2 && b.custom_id?.startsWith('page:'))?.custom_id;
}

const ASKER = { id: snowflake(), username: 'soak-asker' };
const OTHER = { id: snowflake(), username: 'soak-other' };
const NO_PERMISSIONS = '0';

const command = (input: Parameters<StandIn['dispatchCommand']>[0]): Work => (standIn) => standIn.dispatchCommand({ user: ASKER, ...input });
const autocomplete = (input: Parameters<StandIn['dispatchAutocomplete']>[0]): Work => (standIn) => standIn.dispatchAutocomplete({ user: ASKER, ...input });

/** One of each kind of interaction; the soak cycles through it. Admin commands with effects are asked without the permission. */
export const MIX: { label: string; work: Work }[] = [
  { label: '/ask (answered, paged)', work: command({ name: 'ask', options: { question: 'Who signed the memorandum?' } }) },
  { label: '/ask (answered)', work: command({ name: 'ask', options: { question: 'How much tungsten does Kazakhstan have?' } }) },
  { label: '/ask (not in the knowledge base)', work: command({ name: 'ask', options: { question: 'What is the capital of France?' } }) },
  { label: '/ask (hostile)', work: command({ name: 'ask', options: { question: '@everyone <@123> **Who** signed\u200b\u202e the `memorandum`?' } }) },
  { label: '/minerals', work: command({ name: 'minerals' }) },
  { label: '/minerals mineral', work: command({ name: 'minerals', options: { mineral: 'gallium' } }) },
  { label: '/tungsten', work: command({ name: 'tungsten' }) },
  { label: '/tungsten question', work: command({ name: 'tungsten', options: { question: 'Who is negotiating access?' } }) },
  { label: '/who signed', work: command({ name: 'who', subcommand: 'signed' }) },
  { label: '/who met', work: command({ name: 'who', subcommand: 'met' }) },
  { label: '/who visited', work: command({ name: 'who', subcommand: 'visited' }) },
  { label: '/sources', work: command({ name: 'sources' }) },
  { label: '/help', work: command({ name: 'help' }) },
  { label: '/digest preview', work: command({ name: 'digest', subcommand: 'preview' }) },
  { label: '/digest now (refused)', work: command({ name: 'digest', subcommand: 'now', memberPermissions: NO_PERMISSIONS }) },
  { label: '/knowledge status', work: command({ name: 'knowledge', subcommand: 'status', memberPermissions: ALL_PERMISSIONS }) },
  { label: 'autocomplete /ask', work: autocomplete({ name: 'ask', focused: 'question', options: { question: 'tung' } }) },
  { label: 'autocomplete /minerals', work: autocomplete({ name: 'minerals', focused: 'mineral', options: { mineral: 'ga' } }) },
  { label: 'autocomplete /who met', work: autocomplete({ name: 'who', subcommand: 'met', focused: 'person', options: { person: 'Tok' } }) },
  { label: 'autocomplete /who signed', work: autocomplete({ name: 'who', subcommand: 'signed', focused: 'agreement' }) },
  { label: '"More results" (asker)', work: click(false) },
  { label: '"More results" (someone else)', work: click(true) },
  { label: '"More results" (asker)', work: click(false) },
];

let clicks = 0;
function click(byOther: boolean): Work {
  return (standIn, pool) => {
    const entry = pool.pick(clicks++);
    if (!entry) return standIn.dispatchCommand({ user: ASKER, name: 'ask', options: { question: 'Who signed the memorandum?' } });
    const current = standIn.message(entry.message.id) ?? entry.message;
    const customId = moreButton(current)!;
    return standIn.clickButton({ customId, message: current, user: byOther ? OTHER : ASKER });
  };
}

export interface KnowledgeChange {
  /** Dispatched interactions after which the change is made. */
  after: number;
  label: string;
  apply(): Promise<void>;
  /** Resolves when the running bot has taken the change in. */
  taken: () => Promise<unknown>;
}

export interface SoakOptions {
  count: number;
  /** At most this many interactions dispatched and not yet answered. */
  inFlight: number;
  /**
   * Interactions dispatched a second (paced, as users would send them); 0 or absent: as fast as
   * the bot answers (each answer lets the next one go), which measures throughput, not latency.
   */
  ratePerSecond?: number;
  /** Stop dispatching and report after this long. */
  maxMs: number;
  changes?: KnowledgeChange[];
  onProgress?: (done: number) => void;
}

export interface Timing {
  p50: number;
  p99: number;
  max: number;
}

export interface SoakResult {
  dispatched: number;
  answered: number;
  answeredOnce: number;
  /** Interactions whose final answer came later than Discord's 3 s, or never. */
  late: number;
  problems: string[];
  firstResponseMs: Timing;
  finalAnswerMs: Timing;
  seconds: number;
  aborted: string | null;
  changes: { label: string; tookMs: number; atS: number }[];
  /** The slowest answers: what, when (seconds into the run) and how long to the final answer. */
  slowest: { label: string; atS: number; ms: number }[];
  byKind: Record<string, number>;
}

function timing(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : Number.NaN);
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

function bounded<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

/** Dispatches `count` interactions, at most `inFlight` at a time, making the knowledge changes on the way. */
export async function runSoak(standIn: StandIn, options: SoakOptions): Promise<SoakResult> {
  const pool = new PagePool();
  const first: number[] = [];
  const final: number[] = [];
  const problems: string[] = [];
  const byKind: Record<string, number> = {};
  const changes: { label: string; tookMs: number; atS: number }[] = [];
  const slowest: { label: string; atS: number; ms: number }[] = [];
  const pending = [...(options.changes ?? [])].sort((a, b) => a.after - b.after);
  let dispatched = 0;
  let answered = 0;
  let answeredOnce = 0;
  let late = 0;
  let aborted: string | null = null;
  const started = performance.now();
  const deadline = started + options.maxMs;
  let changing: Promise<void> = Promise.resolve();

  const one = async (index: number) => {
    const { label, work } = MIX[index % MIX.length]!;
    byKind[label] = (byKind[label] ?? 0) + 1;
    const handle = work(standIn, pool);
    const result = await bounded(Promise.all([handle.firstResponse, handle.finalResponse]), DISCORD_LIMIT_MS + 2_000);
    if (result === 'timeout') {
      late++;
      if (problems.length < 20) problems.push(`${label}: no answer within ${DISCORD_LIMIT_MS + 2_000} ms`);
      return;
    }
    const [f, a] = result;
    answered++;
    first.push(f.at - handle.dispatchedAt);
    final.push(a.at - handle.dispatchedAt);
    if (a.at - handle.dispatchedAt > DISCORD_LIMIT_MS) late++;
    slowest.push({ label, atS: (handle.dispatchedAt - started) / 1000, ms: a.at - handle.dispatchedAt });
    if (slowest.length > 40) slowest.sort((x, y) => y.ms - x.ms).splice(20);
    const callbacks = handle.responses().filter((r) => r.kind === 'callback');
    if (callbacks.length === 1 && f.status < 300 && a.status < 300) answeredOnce++;
    else if (problems.length < 20) problems.push(`${label}: ${callbacks.length} callbacks, first ${f.status}, final ${a.status}`);
    if (label.startsWith('/ask')) pool.add(handle.message(), ASKER.id);
  };

  const worker = async () => {
    while (dispatched < options.count) {
      if (performance.now() > deadline) {
        aborted ??= `aborted after ${Math.round(options.maxMs / 1000)} s with ${dispatched} of ${options.count} dispatched`;
        return;
      }
      const change = pending[0];
      if (change && dispatched >= change.after) {
        pending.shift();
        // Made once, while the other workers keep the bot busy; this worker waits for the reload.
        changing = (async () => {
          const at = performance.now();
          const taken = change.taken();
          await change.apply();
          const outcome = await bounded(taken, 30_000);
          if (outcome === 'timeout') problems.push(`knowledge change "${change.label}": the bot did not reload within 30 s`);
          changes.push({ label: change.label, tookMs: performance.now() - at, atS: (at - started) / 1000 });
        })();
        await changing;
        continue;
      }
      const index = dispatched++;
      if (options.ratePerSecond) {
        const due = started + (index * 1000) / options.ratePerSecond;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      await one(index);
      options.onProgress?.(dispatched);
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  await changing;
  for (const change of pending) problems.push(`knowledge change "${change.label}" was not made (aborted early)`);

  return {
    dispatched,
    answered,
    answeredOnce,
    late,
    problems,
    firstResponseMs: timing(first),
    finalAnswerMs: timing(final),
    seconds: (performance.now() - started) / 1000,
    aborted,
    changes,
    slowest: slowest.sort((x, y) => y.ms - x.ms).slice(0, 10),
    byKind,
  };
}

/** Copies the article files of `from` into `to` (an empty temporary folder). */
export async function copyKnowledge(from: string, to: string): Promise<string[]> {
  const files = (await readdir(from)).filter((file) => file.endsWith('.md'));
  for (const file of files) await copyFile(join(from, file), join(to, file));
  return files;
}

export const ADDED_FILE = '2026-01-01-soak-added.md';
export const ADDED_TEXT = 'Added by the soak test';
export type ChangeKind = 'added' | 'changed';

/** Whether the library holds the change. */
export function holds(library: Library, kind: ChangeKind): boolean {
  return kind === 'added'
    ? library.engine.articles.some((a) => a.file.endsWith(ADDED_FILE))
    : library.engine.passages.some((p) => p.text.includes(ADDED_TEXT));
}

/** Resolves when the library holds the change (a reload already under way may not). */
export async function reloadedWith(library: Library, kind: ChangeKind): Promise<void> {
  while (!holds(library, kind)) await library.nextChange();
}

/** The two changes of the soak: an article added, then one changed. `taken(kind)` resolves when the bot has reloaded with it. */
export function knowledgeChanges(dir: string, files: string[], count: number, taken: (kind: ChangeKind) => Promise<unknown>): KnowledgeChange[] {
  return [
    {
      after: Math.floor(count / 3),
      label: 'article added',
      taken: () => taken('added'),
      async apply() {
        const source = await readFile(join(dir, files[0]!), 'utf8');
        const added = source.replace(/^title: .*$/m, 'title: "Soak test: a copy of an article, added while the bot runs"').replace(/^url: .*$/m, 'url: https://example.com/soak-added');
        await writeFile(join(dir, ADDED_FILE), added);
      },
    },
    {
      after: Math.floor((2 * count) / 3),
      label: 'article changed',
      taken: () => taken('changed'),
      async apply() {
        const file = join(dir, files[1] ?? files[0]!);
        const source = await readFile(file, 'utf8');
        await writeFile(file, `${source.trimEnd()}\n\n${ADDED_TEXT}: Kazakhstan and the United States discussed tungsten supplies again.\n`);
      },
    },
  ];
}
