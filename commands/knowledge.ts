import { SlashCommandBuilder } from 'discord.js';
import { stringOption, URL_MAX, type CommandContext, type CommandRequest } from '../src/bot/command';
import { knowledgeAdd } from '../src/bot/replies/knowledge-add';
import { GAPS_DAYS, knowledgeGaps } from '../src/bot/replies/knowledge-gaps';
import { knowledgeStatus } from '../src/bot/replies/knowledge-status';
import { code, notice } from '../src/core/reply';

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
  );

/** Status, gaps and adding are for whoever keeps the articles: always private. */
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
    default:
      return notice(['Use ', code('/knowledge status'), ', ', code('/knowledge gaps'), ' or ', code('/knowledge add'), '.']);
  }
}
