import type { Logger } from '../util/logger';
import { limitChoices, type AutocompleteRequest, type Choice, type CommandContext, type CommandModule, type CommandRequest } from './command';
import { APOLOGY, code, notice, type Reply } from '../core/reply';

/**
 * Runs commands for any adapter: one place that catches failures, logs them with the command
 * name, and gives the user a short private apology instead.
 */
export class CommandRunner {
  constructor(
    readonly commands: ReadonlyMap<string, CommandModule>,
    private readonly context: Omit<CommandContext, 'log'>,
    private readonly log: Logger,
  ) {}

  async run(request: CommandRequest, ids: Record<string, string> = {}): Promise<Reply> {
    const command = this.commands.get(request.name);
    const log = this.log.child({ command: request.name, subcommand: request.subcommand, ...ids });
    if (!command) {
      log.warn('unknown command');
      return notice(["I don't know the command ", code(`/${request.name.slice(0, 32)}`), '. Try ', code('/help'), '.']);
    }
    try {
      return await command.execute(request, { ...this.context, log });
    } catch (err) {
      log.error({ err }, 'command failed');
      return notice(APOLOGY);
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
