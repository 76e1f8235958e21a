import { SlashCommandBuilder } from 'discord.js';
import { passagesAbout, topicReply } from '../src/bot/answers';
import { stringOption, type CommandContext, type CommandRequest } from '../src/bot/command';
import { MAX_QUESTION_LENGTH, checkQuestion } from '../src/core/question';
import { escapeMarkdown, notice, type Reply } from '../src/bot/reply';

export const data = new SlashCommandBuilder()
  .setName('tungsten')
  .setDescription('Tungsten in Kazakhstan: reserves, deposits, market share — or ask about it')
  .addStringOption((option) =>
    option.setName('question').setDescription('A question about tungsten, e.g. Who is negotiating access?').setMaxLength(MAX_QUESTION_LENGTH),
  );

const OVERVIEW = 'tungsten reserves deposits market share production Kazakhstan';

export function execute(request: CommandRequest, { library }: CommandContext): Reply {
  const snapshot = library.current;
  const tungsten = snapshot.catalog.mineral('tungsten');
  const mentionsTungsten = (passage: Parameters<typeof snapshot.catalog.passageMentions>[0]) =>
    snapshot.catalog.passageMentions(passage, tungsten?.terms ?? ['tungsten']);

  const asked = stringOption(request, 'question');
  if (asked === undefined) {
    const results = passagesAbout(snapshot, OVERVIEW, mentionsTungsten, tungsten?.passages);
    return topicReply(snapshot, results, 'The knowledge base has nothing on tungsten yet.', '**Tungsten** in the articles:');
  }
  const check = checkQuestion(asked);
  if (!check.ok) return notice(check.message);
  const answer = snapshot.engine.answer(`${check.question} tungsten`, { limit: 50 });
  const results = answer.answered ? answer.results.filter((result) => mentionsTungsten(result.passage)).slice(0, 5) : [];
  return topicReply(snapshot, results, 'No tungsten passage answers that.', `**Tungsten:** ${escapeMarkdown(check.question.slice(0, 300))}`);
}
