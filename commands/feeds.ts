import { SlashCommandBuilder } from 'discord.js';
import { limitChoices, stringOption, URL_MAX, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import { feedChoices, feedsAdd, feedsList, feedsRemove, feedsResume, feedsTest, MAX_BACKFILL } from '../src/bot/replies/feeds';
import { code, notice } from '../src/core/reply';

const KEYWORDS_MAX = 300;

export const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription('News feeds the knowledge base is subscribed to (RSS, Atom, RDF, JSON Feed)')
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Subscribe to a feed: new items that match are added as articles (Manage Server)')
      .addStringOption((option) => option.setName('url').setDescription('The feed’s address, https://…').setRequired(true).setMaxLength(URL_MAX))
      .addStringOption((option) => option.setName('keywords').setDescription('Comma-separated, e.g. kazakhstan, critical minerals, tungsten (default: every item)').setMaxLength(KEYWORDS_MAX))
      .addIntegerOption((option) => option.setName('backfill').setDescription(`Also import the newest N items the feed has now (0–${MAX_BACKFILL}, default 0)`).setMinValue(0).setMaxValue(MAX_BACKFILL)),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription('Each feed: last success, last error, items imported and skipped, next check'))
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Unsubscribe from a feed; the articles it brought stay (Manage Server)')
      .addStringOption((option) => option.setName('url').setDescription('The feed’s address').setRequired(true).setMaxLength(URL_MAX).setAutocomplete(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('resume')
      .setDescription('Start a feed paused after failing again (Manage Server)')
      .addStringOption((option) => option.setName('url').setDescription('The feed’s address').setRequired(true).setMaxLength(URL_MAX).setAutocomplete(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('test')
      .setDescription('What a feed has now and which items the keywords would take; nothing is saved')
      .addStringOption((option) => option.setName('url').setDescription('The feed’s address, https://…').setRequired(true).setMaxLength(URL_MAX).setAutocomplete(true))
      .addStringOption((option) => option.setName('keywords').setDescription('Comma-separated, e.g. kazakhstan, tungsten (default: every item)').setMaxLength(KEYWORDS_MAX)),
  );

/** Everything about feeds is answered privately: the list and the tests too (they show addresses and reasons, not news). */
export function repliesPrivately() {
  return true;
}

export function execute(request: CommandRequest, { ingest, progress }: CommandContext) {
  const url = stringOption(request, 'url');
  const keywords = stringOption(request, 'keywords');
  switch (request.subcommand) {
    case 'add': {
      const backfill = stringOption(request, 'backfill');
      return feedsAdd(ingest, request, url, keywords, backfill === undefined ? undefined : Number(backfill), progress);
    }
    case 'list':
      return feedsList(ingest);
    case 'remove':
      return feedsRemove(ingest, request, url);
    case 'resume':
      return feedsResume(ingest, request, url);
    case 'test':
      return feedsTest(ingest, url, keywords, progress);
    default:
      return notice(['Use ', code('/feeds add'), ', ', code('/feeds list'), ', ', code('/feeds remove'), ', ', code('/feeds resume'), ' or ', code('/feeds test'), '.']);
  }
}

export async function autocomplete(request: AutocompleteRequest, { ingest }: CommandContext) {
  return limitChoices(await feedChoices(ingest, request.focused.value));
}
