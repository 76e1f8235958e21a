import { SlashCommandBuilder } from 'discord.js';
import { passagesAbout, topicReply } from '../src/bot/answers';
import { limitChoices, stringOption, type AutocompleteRequest, type CommandContext, type CommandRequest } from '../src/bot/command';
import type { Snapshot } from '../src/bot/library';
import { escapeMarkdown, notFound, type Reply } from '../src/bot/reply';
import { sentences } from '../src/core/passages';
import { extractPeople, type Person } from '../src/core/people';

export const data = new SlashCommandBuilder()
  .setName('who')
  .setDescription('Who did what: signed an agreement, met, visited')
  .addSubcommand((sub) =>
    sub
      .setName('signed')
      .setDescription('Who signed an agreement, with their roles')
      .addStringOption((option) => option.setName('agreement').setDescription('Which agreement (default: the newest)').setMaxLength(100).setAutocomplete(true)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('met')
      .setDescription('Who met whom')
      .addStringOption((option) => option.setName('person').setDescription('Someone named in the articles').setMaxLength(100).setAutocomplete(true)),
  )
  .addSubcommand((sub) => sub.setName('visited').setDescription('Who visited where, and why'));

const SIGNED = /\bsign(?:ed|atory|atories)\b|\binked\b/i;
const MEETING = /\b(?:met|meet|meets|meeting|meetings)\b/i;

function describe(people: Person[]): string {
  return people.map((person) => `**${escapeMarkdown(person.name)}**${person.role ? ` — ${escapeMarkdown(person.role)}` : ''}`).join('\n');
}

function signed(snapshot: Snapshot, agreementAsked: string | undefined): Reply {
  const { catalog } = snapshot;
  const agreement = agreementAsked
    ? catalog.agreements.find((a) => a.article.file === agreementAsked || a.article.title.toLowerCase() === agreementAsked.toLowerCase())
    : catalog.agreements[0];
  if (agreementAsked && !agreement) {
    return notFound(`I know of no agreement called “${escapeMarkdown(agreementAsked.slice(0, 100))}”. Pick one from the list as you type.`);
  }
  const inAgreement = (passage: { article: unknown }) => !agreement || passage.article === agreement.article;
  const results = passagesAbout(snapshot, 'Who signed the memorandum of understanding agreement?', inAgreement, agreement?.passages);
  const reply = topicReply(snapshot, results, 'The articles do not say who signed an agreement.');
  const top = results[0];
  if (!top || reply.private) return reply;
  const signatories = extractPeople(sentences(top.passage.text).filter((s) => SIGNED.test(s)).join(' '));
  reply.content = `**Who signed:** ${escapeMarkdown(agreement?.article.title ?? top.passage.article.title)}`;
  if (signatories.length) reply.pages[0]!.fields = [{ name: 'Signatories', value: describe(signatories) }];
  return reply;
}

export function execute(request: CommandRequest, { library }: CommandContext): Reply {
  const snapshot = library.current;
  switch (request.subcommand) {
    case 'signed':
      return signed(snapshot, stringOption(request, 'agreement'));
    case 'met': {
      const name = stringOption(request, 'person');
      const person = name ? snapshot.catalog.people.find((p) => p.name.toLowerCase() === name.toLowerCase()) : undefined;
      if (name && !person) return notFound(`No one called “${escapeMarkdown(name.slice(0, 100))}” is named in the articles.`);
      const question = person ? `Who did ${person.name} meet?` : 'Who met whom? meeting talks officials';
      const keep = person ? (p: { id: number }) => person.passages.some((q) => q.id === p.id) : () => true;
      // The search rarely "answers" the generic question; fall back to the person's passages, or to
      // the passages about a meeting that name someone.
      const fallback = person?.passages ?? snapshot.engine.passages.filter((p) => MEETING.test(p.text) && extractPeople(p.text).length > 0);
      const results = passagesAbout(snapshot, question, keep, fallback);
      return topicReply(snapshot, results, 'The articles do not say who met whom.', person ? `**Who met ${escapeMarkdown(person.name)}:**` : '**Who met:**');
    }
    case 'visited': {
      const results = passagesAbout(snapshot, 'Who visited? working visit trip', () => true);
      return topicReply(snapshot, results, 'The articles mention no visits.', '**Who visited:**');
    }
    default:
      return notFound('Use `/who signed`, `/who met` or `/who visited`.');
  }
}

export function autocomplete(request: AutocompleteRequest, { library }: CommandContext) {
  const typed = request.focused.value.trim().toLowerCase();
  const { catalog } = library.current;
  if (request.focused.name === 'agreement') {
    return limitChoices(
      catalog.agreements
        .filter((a) => a.article.title.toLowerCase().includes(typed))
        .map((a) => ({ name: `${a.article.published ?? 'undated'} · ${a.article.title}`, value: a.article.file })),
    );
  }
  return limitChoices(
    catalog.people
      .filter((p) => p.name.toLowerCase().includes(typed) || (p.role ?? '').toLowerCase().includes(typed))
      .map((p) => ({ name: p.role ? `${p.name} (${p.role})` : p.name, value: p.name })),
  );
}
