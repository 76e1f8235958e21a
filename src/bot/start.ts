import type { Settings } from '../config';
import type { Logger } from '../logger';
import { Library } from './library';
import { loadCommands } from './load-commands';
import { CommandRunner } from './runner';

/** Everything an adapter needs: the knowledge base, loaded once, and the commands that answer from it. */
export async function startBot(settings: Pick<Settings, 'KNOWLEDGE_DIR' | 'CACHE_DIR'>, log: Logger) {
  const library = await Library.open(settings.KNOWLEDGE_DIR, settings.CACHE_DIR, log.child({ module: 'knowledge' }));
  const commands = await loadCommands();
  const runner = new CommandRunner(commands, { library }, log.child({ module: 'commands' }));
  return { library, commands, runner };
}
