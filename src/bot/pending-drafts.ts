import { randomBytes } from 'node:crypto';
import type { ArticleDraft } from '../ingest/extract';
import type { Clock } from '../util/clock';

/**
 * Articles fetched by `/knowledge add url:` and shown as a preview, waiting for Save or Cancel.
 * Kept in memory only, for as long as the preview can be answered (15 minutes, the life of the
 * interaction's token), at most `maxEntries` of them (the oldest go first). After a restart a
 * preview's buttons say that it expired: nothing was saved, and the link can be added again.
 */

/** The preview's buttons: `ka:save:KEY` and `ka:cancel:KEY`. */
export const DRAFT_BUTTON_PREFIX = 'ka:';
const CUSTOM_ID = /^ka:(save|cancel):([A-Za-z0-9_-]{12})$/;

export type DraftAction = 'save' | 'cancel';

export function draftButtonId(action: DraftAction, key: string): string {
  return `${DRAFT_BUTTON_PREFIX}${action}:${key}`;
}

/** Whether a button is a preview's (by its prefix; it may still be malformed). */
export function isDraftButton(customId: string): boolean {
  return customId.startsWith(DRAFT_BUTTON_PREFIX);
}

/** A preview button's action and key; undefined when the id is not one the bot makes. */
export function parseDraftButton(customId: string): { action: DraftAction; key: string } | undefined {
  const match = CUSTOM_ID.exec(customId);
  return match ? { action: match[1] as DraftAction, key: match[2]! } : undefined;
}

export type DraftState =
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; file: string }
  | { kind: 'cancelled' }
  | { kind: 'not-saved'; reason: string };

export interface PendingDraft {
  key: string;
  /** Who asked: only they may save it. */
  userId: string;
  /** The link as given. */
  link: string;
  draft: ArticleDraft;
  /** The name the file would get. */
  fileName: string;
  passages: number;
  expiresAt: number;
  state: DraftState;
}

export const DRAFT_TTL_MS = 15 * 60_000;

export class PendingDrafts {
  private readonly entries = new Map<string, PendingDraft>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = DRAFT_TTL_MS,
    private readonly maxEntries = 100,
  ) {}

  /** Keeps a draft; returns its key. */
  put(draft: Omit<PendingDraft, 'key' | 'expiresAt' | 'state'>): PendingDraft {
    this.prune();
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const key = randomBytes(9).toString('base64url');
    const entry: PendingDraft = { ...draft, key, expiresAt: this.clock.now().getTime() + this.ttlMs, state: { kind: 'pending' } };
    this.entries.set(key, entry);
    return entry;
  }

  /** The draft under `key`, unless it expired (or was never made here: another run of the bot). */
  get(key: string): PendingDraft | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.clock.now().getTime();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
