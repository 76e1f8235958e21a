import type { CommandModule, CommandRequest, OptionValue } from './command';

export type ParsedSlash = { ok: true; request: CommandRequest } | { ok: false; message: string };

const TERMINAL_USER = { id: 'terminal', name: 'terminal' };

/**
 * Reads a slash command typed as text, options the way Discord writes them:
 * `/who signed`, `/minerals mineral:gallium`, `/ask question: Who signed the MOU?` (a space
 * after the slash, `/ who signed`, is allowed).
 * An option's value runs to the next `name:` of a known option.
 */
export function parseSlash(line: string, commands: ReadonlyMap<string, CommandModule>): ParsedSlash {
  const text = line.trim();
  if (!text.startsWith('/')) return { ok: false, message: 'A command starts with /, for example /help.' };
  // "/ who signed", a space typed after the slash, is the command /who signed.
  const match = /^\/\s*(\S+)\s*(.*)$/s.exec(text);
  if (!match) return { ok: false, message: "Type a command's name after the /, for example /help." };
  const name = match[1]!.toLowerCase();
  let rest = match[2]!;
  const command = commands.get(name);
  if (!command) return { ok: false, message: `I don't know the command /${name}. Try /help.` };

  const json = command.data.toJSON();
  let optionDefs = json.options ?? [];
  let subcommand: string | null = null;
  const subcommands = optionDefs.filter((option) => option.type === 1);
  if (subcommands.length) {
    const sub = /^(\S+)\s*(.*)$/s.exec(rest);
    const chosen = subcommands.find((option) => option.name === sub?.[1]?.toLowerCase());
    if (!chosen) return { ok: false, message: `/${name} needs one of: ${subcommands.map((s) => `/${name} ${s.name}`).join(', ')}.` };
    subcommand = chosen.name;
    rest = sub![2]!;
    optionDefs = 'options' in chosen ? (chosen.options ?? []) : [];
  }

  const names = optionDefs.map((option) => option.name);
  const options: Record<string, OptionValue> = {};
  if (rest.trim()) {
    const pattern = new RegExp(`(?:^|\\s)(${names.map((n) => n.replace(/[-]/g, '\\-')).join('|')}):`, 'g');
    const found = names.length ? [...rest.matchAll(pattern)] : [];
    if (found.length === 0) {
      // A bare value goes to the first option: "/ask Who signed?" or "/minerals gallium".
      if (!names[0]) return { ok: false, message: `/${name}${subcommand ? ` ${subcommand}` : ''} takes no options.` };
      options[names[0]] = rest.trim();
    }
    found.forEach((m, i) => {
      const start = m.index + m[0].length;
      const end = found[i + 1]?.index ?? rest.length;
      options[m[1]!] = rest.slice(start, end).trim();
    });
  }
  for (const option of optionDefs) {
    if ('required' in option && option.required && options[option.name] === undefined) {
      return { ok: false, message: `/${name}${subcommand ? ` ${subcommand}` : ''} needs ${option.name}: …` };
    }
  }
  return { ok: true, request: { name, subcommand, options, user: TERMINAL_USER, canManageServer: true } };
}

/** A plain question typed without a command is an /ask. */
export function askRequest(question: string): CommandRequest {
  return { name: 'ask', subcommand: null, options: { question }, user: TERMINAL_USER, canManageServer: true };
}

/** A line typed in the terminal or given to `npm run ask`: a slash command, or else a question for /ask. */
export function parseLine(line: string, commands: ReadonlyMap<string, CommandModule>): ParsedSlash {
  return line.trim().startsWith('/') ? parseSlash(line, commands) : { ok: true, request: askRequest(line) };
}
