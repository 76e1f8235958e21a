import { createInterface } from 'node:readline';
import type { CommandRunner } from '../bot/runner';
import { parseLine } from '../bot/parse-slash';
import { ANSI, PLAIN, renderText } from './render-text';

/** What ends the session: "exit", "quit" or "bye", in any case, with trailing punctuation ("Bye!", "quit."). */
const EXIT_WORD = /^(?:exit|quit|bye)\p{P}*$/iu;

/** Whether a line typed in the terminal ends the session rather than asking a question. */
export const endsSession = (line: string): boolean => EXIT_WORD.test(line.trim());

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
    if (endsSession(text)) break;
    if (text !== '') {
      const parsed = parseLine(text, runner.commands);
      if (parsed.ok) write(renderText(await runner.run(parsed.request), style));
      else write(parsed.message);
      write('');
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}
