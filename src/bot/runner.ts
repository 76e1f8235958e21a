import type { Logger } from '../util/logger';
import { limitChoices, type AutocompleteRequest, type Choice, type CommandContext, type CommandModule, type CommandRequest } from './command';
import { APOLOGY, code, notice, type Reply } from '../core/reply';
import type { AnswerFeedback } from './feedback';
import type { KnowledgeIngest } from './ingest';

/**
 * Runs commands for any adapter: one place that catches failures, logs them with the command
 * name, and gives the user a short private apology instead. With feedback (the bot in Discord),
 * answers get their id and feedback buttons here, and are recorded once the adapter has sent them.
 */
export class CommandRunner {
  constructor(
    readonly commands: ReadonlyMap<string, CommandModule>,
    private readonly context: Omit<CommandContext, 'log' | 'progress'>,
    private readonly log: Logger,
    readonly feedback?: AnswerFeedback,
  ) {}

  /** Articles from a link and feeds (the bot connected to Discord): the adapter routes the preview's buttons here. */
  get ingest(): KnowledgeIngest | undefined {
    return this.context.ingest;
  }

  /** Runs a command; `progress`, where the adapter can show it, is how a slow command says what it is doing. */
  async run(request: CommandRequest, ids: Record<string, string> = {}, progress?: (reply: Reply) => void): Promise<Reply> {
    const command = this.commands.get(request.name);
    const log = this.log.child({ command: request.name, subcommand: request.subcommand, ...ids });
    if (!command) {
      log.warn('unknown command');
      return notice(["I don't know the command ", code(`/${request.name.slice(0, 32)}`), '. Try ', code('/help'), '.']);
    }
    try {
      const reply = await command.execute(request, { ...this.context, log, ...(progress ? { progress } : {}) });
      return this.feedback ? this.feedback.prepare(reply) : reply;
    } catch (err) {
      log.error({ err }, 'command failed');
      return notice(APOLOGY);
    }
  }

  /** Whether the command's reply to this request will be private (the command says so up front). */
  repliesPrivately(request: CommandRequest): boolean {
    try {
      return this.commands.get(request.name)?.repliesPrivately?.(request) ?? false;
    } catch {
      return false;
    }
  }

  /**
   * The adapter sent `reply` (or tried to): an answer is recorded for feedback now, after the
   * person has it. Returns at once and never throws.
   */
  sent(request: CommandRequest, reply: Reply): void {
    if (!this.feedback || !reply.answerId) return;
    try {
      this.feedback.recordSent(request, reply);
    } catch (err) {
      this.log.error({ err, command: request.name }, 'feedback: could not record an answer');
    }
  }

  async autocomplete(request: AutocompleteRequest, ids: Record<string, string> = {}): Promise<Choice[]> {
    const command = this.commands.get(request.name);
    if (!command?.autocomplete) return [];
    try {
      return limitChoices(await command.autocomplete(request, { ...this.context, log: this.log.child({ command: request.name, ...ids }) }));
    } catch (err) {
      this.log.error({ err, command: request.name, ...ids }, 'autocomplete failed');
      return [];
    }
  }
}
