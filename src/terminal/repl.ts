import { createInterface } from 'node:readline';
import type { CommandRunner } from '../bot/runner';
import { askRequest, parseSlash } from '../bot/parse-slash';
import { ANSI, PLAIN, renderText } from './render-text';

/**
 * Terminal mode: answers each line typed (a question, or a slash command as Discord writes it).
 * At a terminal it prompts; with input from a pipe or file it answers every line and ends.
 */
export async function runTerminal(runner: CommandRunner, input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout) {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY && output.isTTY);
  const style = output.isTTY ? ANSI : PLAIN;
  const lines = createInterface({ input, output: interactive ? output : undefined, prompt: 'ask> ', terminal: interactive });
  const write = (text: string) => output.write(`${text}\n`);

  if (interactive) lines.prompt();
  for await (const line of lines) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text !== '') {
      let reply;
      if (text.startsWith('/')) {
        const slash = parseSlash(text, runner.commands);
        reply = slash.ok ? await runner.run(slash.request) : undefined;
        if (!slash.ok) write(slash.message);
      } else {
        reply = await runner.run(askRequest(text));
      }
      if (reply) write(renderText(reply, style));
      write('');
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
