/** Slash commands typed as text (the terminal and `npm run ask`): what a space after the slash, or a slash alone, is read as. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommandModule } from '../src/bot/command';
import { loadCommands } from '../src/bot/load-commands';
import { parseLine, parseSlash } from '../src/bot/parse-slash';

let commands: ReadonlyMap<string, CommandModule>;
beforeAll(async () => {
  commands = await loadCommands();
});

describe('a space typed after the slash', () => {
  it('"/ who signed" is the command /who signed, as written without the space', () => {
    expect(parseSlash('/ who signed', commands)).toEqual(parseSlash('/who signed', commands));
    expect(parseLine('/ who signed', commands)).toMatchObject({ ok: true, request: { name: 'who', subcommand: 'signed', options: {} } });
    expect(parseLine('  /   minerals mineral: gallium', commands)).toMatchObject({ ok: true, request: { name: 'minerals', options: { mineral: 'gallium' } } });
    expect(parseLine('/ nope', commands)).toEqual({ ok: false, message: "I don't know the command /nope. Try /help." });
  });

  it('a slash alone says the command’s name goes after it', () => {
    for (const line of ['/', '/  ', ' / ']) expect(parseLine(line, commands)).toEqual({ ok: false, message: "Type a command's name after the /, for example /help." });
    expect(parseSlash('help', commands)).toEqual({ ok: false, message: 'A command starts with /, for example /help.' });
  });
});
