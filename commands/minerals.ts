import { SlashCommandBuilder } from 'discord.js';
import { passagesAbout, topicReply } from '../src/bot/answers';
import { limitChoices, stringOption, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import { escapeMarkdown, notFound, quotePage, type Reply } from '../src/bot/reply';

export const data = new SlashCommandBuilder()
  .setName('minerals')
  .setDescription('Which critical minerals the articles cover, or what they say about one')
  .addStringOption((option) =>
    option.setName('mineral').setDescription('A mineral, e.g. tungsten or gallium').setMaxLength(100).setAutocomplete(true),
  );

const OFFER_QUESTION = 'What does Kazakhstan offer to supply to the USA?';

export function execute(request: CommandRequest, { library }: CommandContext): Reply {
  const snapshot = library.current;
  const { catalog, engine } = snapshot;
  const asked = stringOption(request, 'mineral');

  if (!asked) {
    if (catalog.minerals.length === 0) return notFound('The knowledge base mentions no critical minerals yet.');
    const list = catalog.minerals.map((m) => `**${escapeMarkdown(m.name)}** — ${m.passages.length} passage${m.passages.length === 1 ? '' : 's'}`);
    const best = engine.answer(OFFER_QUESTION, { limit: 1 }).results[0];
    const page = best ? quotePage(best, engine.analyzer) : {};
    return {
      private: false,
      content: `**Critical minerals in the knowledge base** (${catalog.minerals.length}). What Kazakhstan offers:`,
      pages: [{ ...page, fields: [{ name: 'Minerals covered', value: list.join('\n') }] }],
    };
  }

  const mineral = catalog.mineral(asked);
  if (!mineral) {
    const known = catalog.minerals.map((m) => m.name).join(', ') || 'none yet';
    return notFound(`The articles say nothing about “${escapeMarkdown(asked.slice(0, 100))}”. Minerals covered: ${known}.`);
  }
  const results = passagesAbout(snapshot, `${mineral.name} Kazakhstan`, (p) => catalog.passageMentions(p, mineral.terms), mineral.passages);
  return topicReply(snapshot, results, `No passage mentions ${mineral.name}.`, `**${escapeMarkdown(mineral.name)}** in the articles:`);
}

export function autocomplete(request: AutocompleteRequest, { library }: CommandContext) {
  const typed = request.focused.value.trim().toLowerCase();
  return limitChoices(
    library.current.catalog.minerals
      .filter((m) => m.name.toLowerCase().includes(typed))
      .map((m) => ({ name: `${m.name} (${m.passages.length} passage${m.passages.length === 1 ? '' : 's'})`, value: m.name })),
  );
}
