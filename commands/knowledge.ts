import { SlashCommandBuilder } from 'discord.js';
import { limitChoices, stringOption, URL_MAX, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import { knowledgeAdd } from '../src/bot/replies/knowledge-add';
import { GAPS_DAYS, knowledgeGaps } from '../src/bot/replies/knowledge-gaps';
import { articleChoices, knowledgeRemove, knowledgeRestore, removedChoices } from '../src/bot/replies/knowledge-remove';
import { knowledgeStatus } from '../src/bot/replies/knowledge-status';
import { code, notice } from '../src/core/reply';

/** An article's file name, as chosen from the list. */
const FILE_MAX = 200;

export const data = new SlashCommandBuilder()
  .setName('knowledge')
  .setDescription('The knowledge base the answers come from')
  .addSubcommand((sub) => sub.setName('status').setDescription('Articles, passages, last change and rejected files (Manage Server)'))
  .addSubcommand((sub) =>
    sub
      .setName('gaps')
      .setDescription('What members asked that the articles do not answer, most asked first (Manage Server)')
      .addIntegerOption((option) =>
        option.setName('days').setDescription(`How many days back, today included (default ${GAPS_DAYS.default})`).setMinValue(GAPS_DAYS.min).setMaxValue(GAPS_DAYS.max),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Add a news article from its link: a private preview, then Save or Cancel (Manage Server)')
      .addStringOption((option) => option.setName('url').setDescription('The article’s address, https://…').setRequired(true).setMaxLength(URL_MAX)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Take an article out of the knowledge base; its file is kept for /knowledge restore (Manage Server)')
      .addStringOption((option) => option.setName('article').setDescription('Its title or file name (listed as you type)').setRequired(true).setMaxLength(FILE_MAX).setAutocomplete(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('restore')
      .setDescription('Put a removed article back in the knowledge base (Manage Server)')
      .addStringOption((option) => option.setName('article').setDescription('Its file name (listed as you type)').setRequired(true).setMaxLength(FILE_MAX).setAutocomplete(true)),
  );

/** Status, gaps, adding and removing are for whoever keeps the articles: always private. */
export function repliesPrivately() {
  return true;
}

export function execute(request: CommandRequest, { library, state, gaps, ingest, progress }: CommandContext) {
  switch (request.subcommand) {
    case 'status':
      return knowledgeStatus(library, request, state);
    case 'gaps': {
      const days = Number(stringOption(request, 'days'));
      return knowledgeGaps(gaps, request, Number.isFinite(days) ? days : undefined);
    }
    case 'add':
      return knowledgeAdd(ingest, request, stringOption(request, 'url'), progress);
    case 'remove':
      return knowledgeRemove(ingest, request, stringOption(request, 'article'));
    case 'restore':
      return knowledgeRestore(ingest, request, stringOption(request, 'article'));
    default:
      return notice(['Use ', code('/knowledge status'), ', ', code('/knowledge gaps'), ', ', code('/knowledge add'), ', ', code('/knowledge remove'), ' or ', code('/knowledge restore'), '.']);
  }
}

/** The articles to remove, or the removed ones to restore, matching what is typed. */
export async function autocomplete(request: AutocompleteRequest, { library, ingest }: CommandContext) {
  const typed = request.focused.value;
  return limitChoices(request.subcommand === 'restore' ? await removedChoices(ingest, typed) : articleChoices(library, typed));
}
