import { z } from 'zod';
import { isTimeZone, parseTimeOfDay } from '../util/time-of-day';

/**
 * What the bot remembers between starts, in one JSON file. Times are ISO strings (UTC); a digest
 * slot is named by its calendar date in the digest's time zone (YYYY-MM-DD).
 */
const iso = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date and time');
const slotName = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Rich text as core/reply.ts defines it. */
const richTextSchema = z.array(
  z.union([
    z.string(),
    z.object({ strong: z.string() }).strict(),
    z.object({ code: z.string() }).strict(),
    z.object({ link: z.string(), href: z.string(), strong: z.boolean().optional() }).strict(),
    z.object({ channel: z.string() }).strict(),
    z.object({ role: z.string() }).strict(),
    z.object({ quote: z.string() }).strict(),
  ]),
);

const pageSchema = z.object({
  title: z.string().optional(),
  url: z.string().nullable().optional(),
  text: richTextSchema.optional(),
  footer: z.string().optional(),
});

/** A digest message as it is posted (neutral: content and pages, each page one embed in Discord). */
export const digestMessageSchema = z.object({ content: richTextSchema.optional(), pages: z.array(pageSchema) });

/** A digest recorded before it is posted, so that a crash in between neither loses it nor doubles it. */
export const pendingDigestSchema = z.object({
  slot: slotName,
  channelId: z.string(),
  /** Sent with every message of this digest (suffixed -0, -1, …) with enforce_nonce: a resend returns the first message. */
  nonce: z.string().min(1).max(20),
  composedAt: iso,
  messages: z.array(digestMessageSchema),
  /** How many of the messages Discord has confirmed. */
  sent: z.number().int().min(0),
});

export const botStateSchema = z.object({
  version: z.literal(1),
  /** When this state began: digest slots before it were never due, so they are not "missed". */
  createdAt: iso,
  knowledge: z.object({
    /** False until the articles present at the first start have been recorded (as known, not new). */
    seeded: z.boolean(),
    /** Article file → when the bot first saw it, and a hash of its content (a renamed file keeps its date). */
    articles: z.record(z.string(), z.object({ firstSeen: iso, hash: z.string() })),
  }),
  digest: z.object({
    /** Articles first seen after this are new for the next digest. */
    coveredUntil: iso,
    /** The last day whose digest was posted (or counted as posted by /digest now). */
    lastSlot: slotName.nullable(),
    lastPostedAt: iso.nullable(),
    /** Slots before this do not count as missed (the state's start, or a change of time or channel). */
    missedFloor: iso,
    // A pending digest written by an earlier version (its text was Markdown) is dropped: its articles go into the next digest.
    pending: pendingDigestSchema.nullable().catch(null),
    /** Set from Discord with /digest channel and /digest time; they win over the settings. */
    channelId: z.string().regex(/^\d{17,20}$/, 'is not a channel ID').nullable(),
    time: z.string().refine((value) => parseTimeOfDay(value) !== undefined, 'is not an HH:MM time').nullable(),
    timeZone: z.string().refine(isTimeZone, 'is not a time zone').nullable(),
  }),
});

export type BotState = z.infer<typeof botStateSchema>;
export type PendingDigest = z.infer<typeof pendingDigestSchema>;

/** A state with no history: everything the bot sees now counts as known, and no digest counts as missed. */
export function freshState(now: Date): BotState {
  const at = now.toISOString();
  return {
    version: 1,
    createdAt: at,
    knowledge: { seeded: false, articles: {} },
    digest: { coveredUntil: at, lastSlot: null, lastPostedAt: null, missedFloor: at, pending: null, channelId: null, time: null, timeZone: null },
  };
}
