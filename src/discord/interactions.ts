import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { CommandRequest, OptionValue } from '../bot/command';
import type { Member } from '../bot/ingest';
import { isDraftButton } from '../bot/pending-drafts';
import type { CommandRunner } from '../bot/runner';
import { APOLOGY, code, notice, type Reply } from '../core/reply';
import { FEEDBACK_TEXT, isFeedbackCustomId, type FeedbackResponse } from '../feedback';
import type { Logger } from '../util/logger';
import { withoutMentions } from './mentions';
import type { PageStore } from './page-store';
import { PAGE_BUTTON, renderModal, renderReply, type RenderedMessage } from './render';

/** Work that takes longer than this is deferred, well inside Discord's 3 seconds. */
export const DEFER_AFTER_MS = 1_500;

function optionsOf(options: readonly CommandInteractionOption[]): Record<string, OptionValue> {
  const out: Record<string, OptionValue> = {};
  for (const option of options) {
    if (option.options) Object.assign(out, optionsOf(option.options));
    // Mentions in what people type are not part of what they ask (and must never be echoed as pings).
    else if (typeof option.value === 'string') out[option.name] = withoutMentions(option.value);
    else if (option.value !== undefined && option.value !== null) out[option.name] = option.value;
  }
  return out;
}

function rolesOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction | ButtonInteraction): string[] {
  const roles = interaction.member?.roles;
  if (!roles) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** Who pressed a button or ran a command: what a permission check reads. */
function memberOf(interaction: ButtonInteraction | ChatInputCommandInteraction | AutocompleteInteraction): Member {
  return {
    user: { id: interaction.user.id, name: interaction.user.username },
    canManageServer: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    roles: rolesOf(interaction),
  };
}

/** A message as an edit or an update sends it: an edit cannot change a message's flags (a private message stays private). */
function asEdit(message: RenderedMessage): Omit<RenderedMessage, 'flags'> {
  const { flags: _flags, ...edit } = message;
  return edit;
}

function requestOf(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandRequest {
  return {
    name: interaction.commandName,
    subcommand: interaction.options.getSubcommand(false),
    options: optionsOf(interaction.options.data),
    ...memberOf(interaction),
  };
}

const SORRY = notice(APOLOGY);
const EXPIRED = notice('These results have expired (they last 15 minutes, and not across a restart of the bot). Run the command again.');
const NOT_YOURS = notice('Only the person who asked can page through these results. Run the command yourself to get your own.');
const FEEDBACK_OFF = notice('Thank you, but feedback is not being recorded at the moment, so nothing was noted.');
const UNKNOWN_FORM = notice(FEEDBACK_TEXT.invalid);
const INGEST_OFF = notice(['Adding articles is not available at the moment, so nothing was saved. Try ', code('/knowledge add'), ' again later.']);

/**
 * Handles every interaction: commands, autocomplete, the "More results" button, and the feedback
 * buttons and modal. Never throws.
 */
export function createInteractionHandler(runner: CommandRunner, pages: PageStore, log: Logger) {
  async function command(interaction: ChatInputCommandInteraction) {
    const request = requestOf(interaction);
    const privately = runner.repliesPrivately(request);
    // The defer, progress and the reply reach Discord one after another, in that order.
    let steps: Promise<void> = Promise.resolve();
    let answered = false;
    // A private reply can show progress (fetching a page): deferred privately at once, the progress shown in its place.
    const progress = privately
      ? (shown: Reply) => {
          steps = steps
            .then(async () => {
              if (answered) return;
              if (!interaction.deferred) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
              await interaction.editReply(asEdit(renderReply(shown)));
            })
            .catch((err: unknown) => log.warn({ err, interactionId: interaction.id }, 'could not show progress'));
        }
      : undefined;
    const work = runner.run(request, { interactionId: interaction.id }, progress);
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), DEFER_AFTER_MS)));
    const first = await Promise.race([work, slow]);
    clearTimeout(timer);
    // A reply known to be private is deferred privately: nobody else sees a "thinking…" for it.
    if (first === 'slow') {
      steps = steps.then(async () => {
        if (!interaction.deferred) await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : undefined);
      });
    }
    const reply = await work;
    answered = true;
    await steps;
    const key = reply.pages.length > 1 && !reply.private ? pages.put(reply, interaction.user.id) : undefined;
    const message = renderReply(reply, 0, key);
    try {
      if (!interaction.deferred) {
        await interaction.reply(message);
      } else if (interaction.ephemeral) {
        // Deferred privately: the edit fills in the private "thinking…" (an edit cannot change flags).
        await interaction.editReply(asEdit(message));
      } else if (reply.private) {
        await interaction.deleteReply();
        await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
      } else {
        await interaction.editReply(message);
      }
    } finally {
      // Recorded once the person has the answer (or it failed to reach them): never before, never slowing it.
      runner.sent(request, reply);
    }
  }

  /** A feedback button's or modal's outcome: a private reply, or (for Not helpful) the modal. */
  async function respond(interaction: ButtonInteraction | ModalSubmitInteraction, response: FeedbackResponse | null) {
    if (!response) return interaction.reply(renderReply(UNKNOWN_FORM));
    log.debug({ interactionId: interaction.id, outcome: response.outcome }, 'feedback');
    if (response.kind === 'modal' && interaction.isButton()) return interaction.showModal(renderModal(response.modal));
    if (response.kind === 'modal') return interaction.reply(renderReply(UNKNOWN_FORM));
    return interaction.reply(renderReply(notice(response.text)));
  }

  async function feedbackButton(interaction: ButtonInteraction) {
    if (!runner.feedback) return interaction.reply(renderReply(FEEDBACK_OFF));
    return respond(interaction, runner.feedback.button(interaction.customId, interaction.user.id));
  }

  async function modal(interaction: ModalSubmitInteraction) {
    if (!runner.feedback) return interaction.reply(renderReply(isFeedbackCustomId(interaction.customId) ? FEEDBACK_OFF : UNKNOWN_FORM));
    const field = (id: string) => interaction.fields.getTextInputValue(id);
    return respond(interaction, runner.feedback.modal(interaction.customId, field, interaction.user.id));
  }

  /** Save or Cancel under a `/knowledge add` preview: the preview is replaced by what happened (Save: "Saving…", then the outcome). */
  async function draftButton(interaction: ButtonInteraction) {
    if (!runner.ingest) return interaction.reply(renderReply(INGEST_OFF));
    const outcome = runner.ingest.press(interaction.customId, memberOf(interaction));
    if (outcome.kind === 'reply') return interaction.reply(renderReply(outcome.reply));
    log.debug({ interactionId: interaction.id, customId: interaction.customId }, 'knowledge add: button');
    await interaction.update(asEdit(renderReply(outcome.now)));
    if (outcome.then) await interaction.editReply(asEdit(renderReply(await outcome.then)));
  }

  async function button(interaction: ButtonInteraction) {
    if (isFeedbackCustomId(interaction.customId)) return feedbackButton(interaction);
    if (isDraftButton(interaction.customId)) return draftButton(interaction);
    const [kind, key, index] = interaction.customId.split(':');
    if (kind !== PAGE_BUTTON || !key) return interaction.reply(renderReply(EXPIRED));
    const entry = pages.get(key);
    if (!entry) return interaction.reply(renderReply(EXPIRED));
    if (entry.userId !== interaction.user.id) return interaction.reply(renderReply(NOT_YOURS));
    const page = Math.min(Math.max(Number.parseInt(index ?? '0', 10) || 0, 0), entry.reply.pages.length - 1);
    await interaction.update(renderReply(entry.reply, page, key));
  }

  return async function handle(interaction: Interaction): Promise<void> {
    try {
      if (interaction.isChatInputCommand()) await command(interaction);
      else if (interaction.isAutocomplete()) {
        const focused = interaction.options.getFocused(true);
        // As a command's options are: mentions are not part of what is typed.
        const request = { ...requestOf(interaction), focused: { name: focused.name, value: withoutMentions(String(focused.value ?? '')) } };
        await interaction.respond(await runner.autocomplete(request, { interactionId: interaction.id }));
      } else if (interaction.isButton()) await button(interaction);
      else if (interaction.isModalSubmit()) await modal(interaction);
    } catch (err) {
      const name = interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined;
      log.error({ err, command: name, interactionId: interaction.id }, 'interaction failed');
      if (!interaction.isRepliable()) return;
      try {
        const apology = renderReply(SORRY);
        // The first follow-up after a public defer replaces the "thinking…" message and cannot be
        // private, so a deferred reply that failed is edited into the apology instead.
        if (interaction.deferred && !interaction.replied) await interaction.editReply(apology);
        else if (interaction.replied) await interaction.followUp({ ...apology, flags: MessageFlags.Ephemeral });
        else await interaction.reply(apology);
      } catch (replyError) {
        log.warn({ err: replyError, interactionId: interaction.id }, 'could not send the apology either');
      }
    }
  };
}
