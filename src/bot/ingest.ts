import { splitBody } from '../core/passages';
import { APOLOGY, notice, type Reply } from '../core/reply';
import type { FeedService } from '../ingest/feed-service';
import type { FetcherOptions } from '../ingest/fetch';
import { createIngest, type Ingest } from '../ingest/ingest';
import type { Library } from '../library/library';
import type { Clock } from '../util/clock';
import type { Logger } from '../util/logger';
import type { CommandRequest } from './command';
import { LibraryKnownArticles } from './known-library';
import { parseDraftButton, PendingDrafts, type PendingDraft } from './pending-drafts';
import {
  draftExpired,
  draftNotYours,
  draftPreview,
  draftSaved,
  draftSaving,
  draftCancelled,
  draftAlready,
  draftNotSaved,
  draftButtonUnknown,
  knowledgeAddRefusal,
} from './replies/knowledge-add';
import { articleRemoved, articleRestored, knowledgeRemoveRefusal, notRemoved, notRestored, removeFailed, restoreFailed } from './replies/knowledge-remove';
import type { Settings } from './settings';

/**
 * Articles from a link and news feeds (issue 12), as the bot connected to Discord uses them: the
 * ingest services (src/ingest) wired to the live library, who may add, the previews waiting for
 * Save or Cancel, and where a paused feed is announced. The terminal and `npm run ask` have none:
 * `npm run add-article` and `npm run feeds` do the same from the shell.
 */

/** Who pressed or asked: what the permission check reads. */
export type Member = Pick<CommandRequest, 'user' | 'canManageServer' | 'roles'>;

export type IngestSettings = Pick<Settings, 'KNOWLEDGE_DIR' | 'STATE_DIR' | 'FEEDS_POLL_MINUTES' | 'FEEDS_CONTACT' | 'ALLOW_PRIVATE_NETWORK' | 'KNOWLEDGE_ADD_ROLE'>;

/** What tests change: no politeness gap between requests to their one local host, a short time-out. */
export interface IngestOverrides {
  minGapMs?: number;
  fetch?: Partial<FetcherOptions>;
  /** How long after opening the duplicate lookup starts being built and the feeds may start (default BUILD_LOOKUP_AFTER_MS). */
  startAfterMs?: number;
}

/**
 * The duplicate lookup is built (and the feeds start) a moment after start-up, once the bot has
 * connected and answered whatever was asked first: neither is needed for an answer, and at a few
 * thousand articles building the lookup is most of a second of work.
 */
export const BUILD_LOOKUP_AFTER_MS = 1_000;

export interface KnowledgeIngestOptions {
  settings: IngestSettings;
  library: Library;
  log: Logger;
  clock: Clock;
  overrides?: IngestOverrides;
}

/** What a button of a preview does: a new private reply (the preview stays), or the preview replaced now and again when `then` resolves. */
export type PressOutcome = { kind: 'reply'; reply: Reply } | { kind: 'update'; now: Reply; then?: Promise<Reply> };

export type PreviewOutcome = { ok: true; draft: PendingDraft; reply: Reply } | { ok: false; code: 'fetch' | 'not-article' | 'duplicate'; reason: string };

export class KnowledgeIngest {
  private readonly drafts: PendingDrafts;
  private announce: ((message: string) => Promise<void>) | undefined;
  /** Set when stopping: the feeds are not started (again). */
  private stopped = false;
  /** Until the duplicate lookup starts being built (see BUILD_LOOKUP_AFTER_MS). */
  private lookupTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly ingest: Ingest,
    private readonly known: LibraryKnownArticles,
    private readonly options: KnowledgeIngestOptions,
  ) {
    this.drafts = new PendingDrafts(options.clock);
  }

  static async open(options: KnowledgeIngestOptions): Promise<KnowledgeIngest> {
    const { settings, library, log } = options;
    const known = new LibraryKnownArticles(library);
    let self: KnowledgeIngest | undefined;
    const ingest = await createIngest({
      knowledgeDir: settings.KNOWLEDGE_DIR,
      stateDir: settings.STATE_DIR,
      log,
      clock: options.clock,
      ...(settings.FEEDS_CONTACT ? { contact: settings.FEEDS_CONTACT } : {}),
      allowPrivateNetwork: settings.ALLOW_PRIVATE_NETWORK,
      pollMinutes: settings.FEEDS_POLL_MINUTES,
      known,
      // A paused feed is told to the team once, in the digest channel.
      notify: (message) => self?.tell(message),
      // An imported article is answered as soon as the library has read it (and is in the next digest).
      onSaved: async () => void (await library.refresh()),
      // Reading a page takes a quarter of a second or more: not on the thread that reads the gateway.
      extractOffThread: true,
      ...(options.overrides?.minGapMs !== undefined ? { minGapMs: options.overrides.minGapMs } : {}),
      ...(options.overrides?.fetch ? { fetch: options.overrides.fetch } : {}),
    });
    self = new KnowledgeIngest(ingest, known, options);
    return self;
  }

  get feeds(): FeedService {
    return this.ingest.feeds;
  }

  /** FEEDS_POLL_MINUTES: each feed is checked at most this often. */
  get feedsPollMinutes(): number {
    return this.options.settings.FEEDS_POLL_MINUTES;
  }

  /** KNOWLEDGE_ADD_ROLE: a role whose members may add articles and feeds besides those with Manage Server. */
  get addRole(): string | undefined {
    return this.options.settings.KNOWLEDGE_ADD_ROLE;
  }

  /** Who may add articles and change the feeds: Manage Server, or a member of KNOWLEDGE_ADD_ROLE. */
  mayAdd(member: Member): boolean {
    const role = this.addRole;
    return member.canManageServer || (role !== undefined && (member.roles ?? []).includes(role));
  }

  /** Where a paused feed is announced (the bot connected to Discord posts to the digest channel). */
  announceWith(post: (message: string) => Promise<void>): void {
    this.announce = post;
  }

  /** Resolves once the duplicate lookup is built (without it, the first check would build it at once, holding up answers). */
  ready(): Promise<void> {
    return this.known.ready().catch(() => {});
  }

  /**
   * Starts checking the feeds as they come due, once the duplicate lookup is built: a slice at a
   * time, answers in between, a moment after start (a preview asked before then builds it at once).
   */
  start(): void {
    clearTimeout(this.lookupTimer);
    this.lookupTimer = setTimeout(() => {
      this.lookupTimer = undefined;
      if (this.stopped) return;
      void this.known
        .ready()
        .catch((err: unknown) => this.options.log.error({ err }, 'ingest: the duplicate lookup could not be built; it is built at the first check instead'))
        .then(() => {
          if (!this.stopped) this.ingest.feeds.start();
        });
    }, this.options.overrides?.startAfterMs ?? BUILD_LOOKUP_AFTER_MS);
    this.lookupTimer.unref();
  }

  /**
   * `/knowledge add url:`: fetches the page and extracts the article; nothing is written. The draft
   * waits (in memory, 15 minutes) for the preview's Save or Cancel.
   */
  async preview(link: string, member: Member, signal?: AbortSignal): Promise<PreviewOutcome> {
    await this.ready();
    const outcome = await this.ingest.draftFromLink(link, signal);
    if (!outcome.ok) return outcome;
    const draft = this.drafts.put({
      userId: member.user.id,
      link,
      draft: outcome.draft,
      fileName: outcome.fileName,
      passages: splitBody(outcome.draft.text).length,
    });
    this.options.log.info({ url: outcome.draft.url, file: outcome.fileName }, 'knowledge add: preview shown');
    return { ok: true, draft, reply: draftPreview(draft, outcome.lead) };
  }

  /** A press on a preview's Save or Cancel. Never rejects: `then` resolves with the outcome in words. */
  press(customId: string, member: Member): PressOutcome {
    const button = parseDraftButton(customId);
    if (!button) return { kind: 'reply', reply: draftButtonUnknown() };
    const entry = this.drafts.get(button.key);
    if (!entry) return { kind: 'reply', reply: draftExpired() };
    if (entry.userId !== member.user.id) return { kind: 'reply', reply: draftNotYours() };
    if (entry.state.kind !== 'pending') return { kind: 'reply', reply: draftAlready(entry) };
    if (button.action === 'cancel') {
      entry.state = { kind: 'cancelled' };
      this.options.log.info({ url: entry.draft.url }, 'knowledge add: cancelled');
      return { kind: 'update', now: draftCancelled(entry) };
    }
    // Permissions can change in the 15 minutes a preview lasts.
    if (!this.mayAdd(member)) return { kind: 'reply', reply: knowledgeAddRefusal(this.addRole) };
    entry.state = { kind: 'saving' };
    return { kind: 'update', now: draftSaving(entry), then: this.save(entry) };
  }

  /** Writes the draft, waits until the library serves it, and says so. */
  private async save(entry: PendingDraft): Promise<Reply> {
    const { library, log } = this.options;
    try {
      const saved = await this.ingest.writer.save(entry.draft);
      if (!saved.ok) {
        if (saved.code === 'write-failed') {
          // Nothing was written: the preview stays, to try again.
          entry.state = { kind: 'pending' };
          log.error({ url: entry.draft.url, reason: saved.reason }, 'knowledge add: the article could not be written');
          return draftPreview(entry, undefined, `Not saved: ${saved.reason}. Nothing was written; try Save again, or tell whoever runs the bot.`);
        }
        entry.state = { kind: 'not-saved', reason: saved.reason };
        return draftNotSaved(entry);
      }
      entry.state = { kind: 'saved', file: saved.file };
      log.info({ url: entry.draft.url, file: saved.file }, 'knowledge add: saved');
      await library.refresh();
      return draftSaved(entry, saved.file, library.engine.record(saved.file)?.passages.length ?? entry.passages, this.notServed(saved.file));
    } catch (err) {
      log.error({ err, url: entry.draft.url }, 'knowledge add: saving failed');
      if (entry.state.kind === 'saving') entry.state = { kind: 'pending' };
      return notice(APOLOGY);
    }
  }

  /**
   * `/knowledge remove article:`: the article's file is moved to STATE_DIR/removed/ (see
   * RemovedArticles) and the library reloaded without it. Who may remove is who may add.
   */
  async removeArticle(member: Member, file: string): Promise<Reply> {
    if (!this.mayAdd(member)) return knowledgeRemoveRefusal(this.addRole);
    const { library, log } = this.options;
    const record = library.engine.record(file);
    if (!record) return notRemoved(file);
    const moved = await this.ingest.removeArticle(file);
    if (!moved.ok) {
      log.error({ file, reason: moved.reason }, 'knowledge remove: the file could not be moved');
      return removeFailed(moved.reason);
    }
    log.info({ file, keptAs: moved.file, by: member.user.id }, 'knowledge remove: removed');
    await library.refresh();
    return articleRemoved(record.article, moved.file, library.engine.record(file) === undefined);
  }

  /** `/knowledge restore article:`: a removed article's file is moved back into the knowledge folder and answered from again. */
  async restoreArticle(member: Member, file: string): Promise<Reply> {
    if (!this.mayAdd(member)) return knowledgeRemoveRefusal(this.addRole);
    const { library, log } = this.options;
    if (!(await this.ingest.removedFiles()).includes(file)) return notRestored(file);
    const moved = await this.ingest.restoreArticle(file);
    if (!moved.ok) {
      if (moved.duplicate) log.info({ file, reason: moved.reason }, 'knowledge restore: not restored, the knowledge base has it again');
      else log.error({ file, reason: moved.reason }, 'knowledge restore: the file could not be moved');
      return restoreFailed(moved.reason);
    }
    log.info({ file: moved.file, by: member.user.id }, 'knowledge restore: restored');
    await library.refresh();
    return articleRestored(moved.file, library.engine.record(moved.file), this.notServed(moved.file));
  }

  /** Why the library does not serve a file just written or put back (a rejected file's reason); undefined when it does. */
  private notServed(file: string): string | undefined {
    const { library } = this.options;
    return library.engine.record(file) ? undefined : (library.problems.find((p) => p.file === file)?.reason ?? 'it is not served yet');
  }

  /** The removed articles' files (for the autocomplete of `/knowledge restore`). */
  removedFiles(): Promise<string[]> {
    return this.ingest.removedFiles();
  }

  /** Tells the team (a paused feed): through the digest channel when the bot is connected, else in the log only. */
  private async tell(message: string): Promise<void> {
    if (!this.announce) {
      this.options.log.warn({ notice: message }, 'feeds: nowhere to announce this (the bot is not connected to Discord)');
      return;
    }
    await this.announce(message);
  }

  /** Stops checking feeds: a check under way ends at its next item (what is done is recorded). Links can still be fetched until `close()`. */
  async stopFeeds(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.lookupTimer);
    await this.ingest.feeds.stop();
  }

  /** Stops the feed service and closes connections (a fetch under way fails). */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.lookupTimer);
    this.known.close();
    await this.ingest.close();
  }
}
