/**
 * Feedback and gaps (issue 13): what the team asks that the articles do not answer. Everything
 * here is below the bot and the Discord layer; src/bot/feedback.ts wires it in (docs/feedback.md says how).
 */
export { customIdOf, feedbackButtons, isFeedbackCustomId, newAnswerId, noteModal, NOTE_INPUT_ID, parseCustomId } from './custom-ids';
export type { FeedbackAction, NoteModal, ParsedCustomId } from './custom-ids';
export { dayIn, gapsDigestSection, isGapsDigestDay, SECTION_HEADING, WEEKDAYS } from './digest-section';
export type { GapsDigestDay, GapsDigestItem, GapsDigestSection, Weekday } from './digest-section';
export { toEvalExport } from './export';
export type { EvalExport, PendingQuestion } from './export';
export { FEEDBACK_DEFAULTS, FeedbackLog } from './feedback-log';
export type { AnswerLike, AnswerToRecord, FeedbackLogOptions, VoteResult } from './feedback-log';
export { formatReport } from './format';
export { FEEDBACK_TEXT, onFeedbackButton, onFeedbackModal } from './interactions';
export type { FeedbackResponse, FeedbackVotes } from './interactions';
export { maskText } from './mask';
export type { FeedbackEvent, Vote } from './records';
export { buildGapsReport, REPORT_DEFAULTS } from './report';
export type { AnsweredSince, AnswerNow, DayStats, Gap, GapsReport, ReportOptions } from './report';
export { FeedbackKeyError } from './user-key';
