/**
 * `/knowledge add url:` end to end: the real bot (connectBot) and discord.js client against the
 * local Discord stand-in, the article pages on a local web server. The reply is deferred privately
 * at once, shows that the page is being fetched, then a private preview with Save and Cancel; Save
 * writes the file and answers once the library serves it, Cancel writes nothing; who may add is
 * checked (Manage Server, or KNOWLEDGE_ADD_ROLE), and pages that cannot be used are refused with
 * the reason. Tests wait on the stand-in's responses, in order, never on a timer.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_KNOWLEDGE_DIR, startBotHarness, type BotHarness } from './support/bot-harness';
import { snowflake, type RecordedMessage } from './support/discord-standin';
import { buttonsOf, EPHEMERAL, payload, TrackedInteractions } from './support/interaction-checks';
import { articlePage } from './ingest/support/newsroom';
import { fixture } from './ingest/support/fixtures';
import { body, startSite, type TestSite } from './ingest/support/web';
import './support/unhandled';

const NO_PERMISSIONS = '0';
const GUILD_ID = snowflake();
/** The stand-in's "Editors" role: the guild id + 2. */
const EDITORS = `${BigInt(GUILD_ID) + 2n}`;

const GERMANIUM = {
  slug: 'ekibastuz-germanium',
  title: 'Ekibastuz plant to ship germanium to American chipmakers',
  published: new Date('2026-03-09T06:00:00Z'),
  paragraphs: [
    'The Ekibastuz germanium plant will ship its first germanium concentrate to American chipmakers in the spring of 2027, the operator said on Monday.',
    'The plant recovers germanium from the fly ash of the coal power stations around Ekibastuz, which has piled up for decades beside the town.',
    'Officials said the output would reach twelve tonnes a year, enough to make Kazakhstan one of the few germanium suppliers outside China.',
  ],
};

let h: BotHarness;
let site: TestSite;
let knowledgeDir: string;
const interactions = new TrackedInteractions();
const { track } = interactions;

beforeAll(async () => {
  site = await startSite({
    '/no-article': body('text/html; charset=utf-8', fixture('no-article.html')),
    '/feed.xml': body('application/rss+xml', fixture('rss2.xml')),
  });
  site.route(`/articles/${GERMANIUM.slug}`, body('text/html; charset=utf-8', articlePage(site.origin, GERMANIUM)));
  site.route('/news/tungsten', body('text/html; charset=utf-8', fixture('article-tungsten.html', site.origin)));
  knowledgeDir = mkdtempSync(join(tmpdir(), 'kz-knowledge-add-'));
  cpSync(REPO_KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
  h = await startBotHarness({
    knowledgeDir,
    logLevel: 'info',
    standIn: { guildId: GUILD_ID },
    env: { ALLOW_PRIVATE_NETWORK: 'true', KNOWLEDGE_ADD_ROLE: EDITORS },
    // One local host for every page: no 2 s between requests to it.
    connect: { ingest: { minGapMs: 0, startAfterMs: 0 } },
  });
});

afterAll(async () => {
  await h?.close();
  rmSync(knowledgeDir, { recursive: true, force: true });
});

afterEach(async () => {
  await interactions.expectAllAnswered();
  expect(h.standIn.violations.splice(0)).toEqual([]);
  expect(h.standIn.unknownRoutes.splice(0)).toEqual([]);
  expect(h.logs.atLeast(50)).toEqual([]);
});

const said = (data: any): string => [data?.content, ...(data?.embeds ?? []).map((e: { description?: string }) => e.description)].filter(Boolean).join('\n');
const articleFiles = () => readdirSync(knowledgeDir).filter((name) => name.endsWith('.md') && name !== 'README.md').sort();

/** `/knowledge add url:` as a member: the defer, the progress, the outcome, in that order. */
async function add(url: string, member: { memberPermissions?: string; memberRoles?: string[]; user?: { id: string; username: string } } = {}) {
  const handle = track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'add', options: { url }, ...member }));
  const deferred = await handle.response(0);
  const progress = await handle.response(1);
  const outcome = await handle.response(2);
  return { handle, deferred, progress: payload(progress), outcome: payload(outcome), message: handle.message()! };
}

async function press(label: 'Save' | 'Cancel', message: RecordedMessage, member: { memberPermissions?: string; memberRoles?: string[]; user?: { id: string; username: string } } = {}) {
  const button = buttonsOf(message.body).find((b) => b.label === label);
  return track(h.standIn.clickButton({ customId: button.custom_id, message, ...member }));
}

describe('/knowledge add url:', () => {
  let saved: string;

  it('defers privately, shows the fetch, then a private preview: title, publisher, date, first paragraph, passages, Save and Cancel', async () => {
    const before = articleFiles();
    const url = site.url(`/articles/${GERMANIUM.slug}`);
    const { deferred, progress, outcome, message } = await add(url);

    expect(deferred).toMatchObject({ kind: 'callback', type: 5, status: 204 });
    expect(deferred.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(said(progress)).toMatch(/^Fetching `http:\/\/127\.0\.0\.1:\d+\/articles\/ekibastuz-germanium` and reading the article…/);
    expect(progress.allowed_mentions).toEqual({ parse: [] });

    const embed = outcome.embeds[0];
    expect(outcome.content).toMatch(/^\*\*Preview\*\* — only you see it/);
    expect(embed.title).toBe(GERMANIUM.title);
    expect(embed.url).toBe(url);
    expect(embed.description).toMatch(/^The Ekibastuz germanium plant will ship its first germanium concentrate/);
    expect(Object.fromEntries(embed.fields.map((f: { name: string; value: string }) => [f.name, f.value]))).toMatchObject({
      Publisher: 'The Steppe Ledger',
      Published: '2026-03-09',
      Passages: expect.stringMatching(/^3 /),
      File: '`2026-03-09-ekibastuz-plant-ship-germanium-american-chipmakers.md`',
    });
    expect(buttonsOf(outcome).map((b) => [b.label, b.style])).toEqual([
      ['Save', 3],
      ['Cancel', 2],
    ]);
    expect((message.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    // A preview writes nothing.
    expect(articleFiles()).toEqual(before);

    // Save: the preview becomes "Saving…" (its buttons gone), then what became of it.
    const click = await press('Save', message);
    const saving = await click.response(0);
    expect(saving).toMatchObject({ kind: 'callback', type: 7, status: 204 });
    expect(said(saving.body.data)).toMatch(/^Saving \*\*Ekibastuz plant/);
    expect(buttonsOf(saving.body.data)).toEqual([]);
    const done = payload(await click.response(1));
    saved = '2026-03-09-ekibastuz-plant-ship-germanium-american-chipmakers.md';
    expect(said(done)).toMatch(new RegExp(`^Saved as \`${saved}\` — searchable now \\(3 passages\\)\\.`));
    expect(h.standIn.message(message.id)!.components).toEqual([]);

    // The file, as the README describes it; and the library already serves it.
    expect(articleFiles()).toEqual([...before, saved].sort());
    const text = readFileSync(join(knowledgeDir, saved), 'utf8');
    expect(text).toMatch(/^---\ntitle: "Ekibastuz plant to ship germanium to American chipmakers"\npublisher: "The Steppe Ledger"\npublished: 2026-03-09\nurl: "http:\/\/127\.0\.0\.1:\d+\/articles\/ekibastuz-germanium"\n---\n\nThe Ekibastuz germanium plant/);
    expect(text).not.toMatch(/Share on Facebook|Tenge hits record low|First! Great article/);
    expect(h.bot.library.engine.record(saved)?.passages).toHaveLength(3);
  });

  it('the saved article answers /ask at once', async () => {
    const answer = payload(await track(h.standIn.dispatchCommand({ name: 'ask', options: { question: 'When will the Ekibastuz plant ship germanium?' } })).finalResponse);
    expect((answer.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(answer.embeds[0].title).toBe(GERMANIUM.title);
    expect(answer.embeds[0].description).toMatch(/spring of 2027/);
  });

  it('the same link again is refused, saying which file has it', async () => {
    const { outcome } = await add(site.url(`/articles/${GERMANIUM.slug}`));
    expect(said(outcome)).toBe(
      `Not added: \`${site.url(`/articles/${GERMANIUM.slug}`)}\` is already in the knowledge base as ${saved} (the same link). Nothing was saved.`,
    );
    expect(buttonsOf(outcome)).toEqual([]);
  });

  it('Cancel writes nothing, and the preview says so', async () => {
    const before = articleFiles();
    const { outcome, message } = await add(site.url('/news/tungsten'));
    expect(outcome.embeds[0].title).toBe('Kazakhstan Opens Tungsten Deposit to US Investors');
    expect(outcome.embeds[0].fields.find((f: { name: string }) => f.name === 'By')?.value).toBe('Aigerim Sadykova');
    const click = await press('Cancel', message);
    const cancelled = await click.response(0);
    expect(cancelled).toMatchObject({ kind: 'callback', type: 7 });
    expect(said(cancelled.body.data)).toBe('Cancelled: **Kazakhstan Opens Tungsten Deposit to US Investors** was not saved. Nothing was written.');
    expect(buttonsOf(cancelled.body.data)).toEqual([]);
    expect(click.responses()).toHaveLength(1);
    expect(articleFiles()).toEqual(before);

    // Its Save pressed after all (a client showing the old message): nothing is written.
    const stale = { ...message.body, id: snowflake() };
    const late = await track(h.standIn.clickButton({ customId: buttonsOf(message.body)[0].custom_id, message: { id: stale.id, channel_id: stale.channel_id, body: stale } })).finalResponse;
    expect(late.type).toBe(4);
    expect(late.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(said(late.body.data)).toMatch(/^This preview was cancelled; nothing was written\./);
    expect(articleFiles()).toEqual(before);
  });

  it('a page that is not an article is refused with the reason, and nothing is written', async () => {
    const before = articleFiles();
    const { outcome } = await add(site.url('/no-article'));
    expect(said(outcome)).toMatch(/^Not added: `http:\/\/127\.0\.0\.1:\d+\/no-article` is not an article I can use \(.+\)\. Nothing was saved\.$/);
    const feed = await add(site.url('/feed.xml'));
    expect(said(feed.outcome)).toMatch(/is not an article I can use \(not an article page: content type application\/rss\+xml\)/);
    const missing = await add(site.url('/gone'));
    expect(said(missing.outcome)).toMatch(/^Not added: could not fetch `.*\/gone` \(.*404.*\)\. Nothing was saved\.$/);
    expect(articleFiles()).toEqual(before);
  });

  it('a member without Manage Server or the role is refused privately, saying why, and nothing is fetched', async () => {
    const requests = site.requests.length;
    const handle = track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'add', options: { url: site.url('/news/tungsten') }, memberPermissions: NO_PERMISSIONS }));
    const answer = await handle.finalResponse;
    expect(answer).toMatchObject({ kind: 'callback', type: 4, status: 204 });
    expect(answer.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(answer.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(said(answer.body.data)).toBe(
      `Only members with the **Manage Server** permission (or the <@&${EDITORS}> role) can add articles to the knowledge base, since every article becomes a source the bot quotes to the whole server. \`/sources\` shows anyone the articles.`,
    );
    expect(handle.responses()).toHaveLength(1);
    expect(site.requests.length).toBe(requests);
  });

  it('a member of KNOWLEDGE_ADD_ROLE may add; Save is checked again, and only the person who asked can press it', async () => {
    const editor = { memberPermissions: NO_PERMISSIONS, memberRoles: [EDITORS], user: { id: snowflake(), username: 'editor' } };
    const before = articleFiles();
    const { outcome, message } = await add(site.url('/news/tungsten'), editor);
    expect(outcome.embeds[0].title).toBe('Kazakhstan Opens Tungsten Deposit to US Investors');

    // Someone else (the message is private, but a button can be forged): not theirs.
    const other = await (await press('Save', message, { user: { id: snowflake(), username: 'other' } })).finalResponse;
    expect(other.type).toBe(4);
    expect(said(other.body.data)).toMatch(/^Only the person who asked for this preview can save or cancel it\./);
    // The same person without the role any more: refused, and the preview still waits.
    const demoted = await (await press('Save', message, { ...editor, memberRoles: [] })).finalResponse;
    expect(said(demoted.body.data)).toMatch(/^Only members with the \*\*Manage Server\*\* permission \(or the <@&\d+> role\) can add articles/);
    expect(articleFiles()).toEqual(before);

    const click = await press('Save', message, editor);
    expect(said(payload(await click.response(1)))).toMatch(/^Saved as `2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors\.md` — searchable now/);
    expect(articleFiles()).toEqual([...before, '2026-03-09-kazakhstan-opens-tungsten-deposit-us-investors.md'].sort());
  });

  it('a forged or unknown preview button gets a polite private reply, never an error', async () => {
    const { message } = await add(site.url('/news/tungsten')); // refused as a duplicate now: a message to forge buttons on
    const cases: [string, RegExp][] = [
      ['ka:save:AAAAAAAAAAAA', /^This preview has expired \(previews last 15 minutes, and not across a restart of the bot\)\. Nothing was saved\./],
      ['ka:cancel:AAAAAAAAAAAA', /^This preview has expired/],
      ['ka:save:short', /^That button is not one I know, so nothing was done\./],
      ['ka:publish:AAAAAAAAAAAA', /^That button is not one I know/],
    ];
    const mark = h.logs.mark();
    for (const [customId, text] of cases) {
      const forged = { ...message.body, id: snowflake(), components: [{ type: 1, components: [{ type: 2, style: 3, label: 'Save', custom_id: customId }] }] };
      const response = await track(h.standIn.clickButton({ customId, message: { id: forged.id, channel_id: forged.channel_id, body: forged } })).finalResponse;
      expect(response.type).toBe(4);
      expect(response.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(said(response.body.data)).toMatch(text);
    }
    expect(h.logs.since(mark).filter((line) => line.level >= 40)).toEqual([]);
  });

  it('/knowledge remove and /knowledge restore: the article stops answering, its file is kept, no link brings it back, and restore puts it back', async () => {
    const file = '2026-03-09-ekibastuz-plant-ship-germanium-american-chipmakers.md';
    const ask = async () => said(payload(await track(h.standIn.dispatchCommand({ name: 'ask', options: { question: 'When will the Ekibastuz plant ship germanium?' } })).finalResponse));
    expect(await ask()).toMatch(/spring of 2027/);

    // The autocomplete offers the articles by title (newest first), the file as the value.
    const offered = await track(h.standIn.dispatchAutocomplete({ name: 'knowledge', subcommand: 'remove', focused: 'article', options: { article: 'ekibastuz germanium' } })).finalResponse;
    expect(offered.type).toBe(8);
    expect(offered.body.data.choices).toEqual([{ name: `2026-03-09 · ${GERMANIUM.title}`, value: file }]);

    // Only those who may add may remove: nothing moves.
    const refused = await track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'remove', options: { article: file }, memberPermissions: NO_PERMISSIONS })).finalResponse;
    expect(said(payload(refused))).toMatch(/^Only members with the \*\*Manage Server\*\* permission .* can remove articles from the knowledge base/);
    expect(articleFiles()).toContain(file);

    const removed = payload(await track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'remove', options: { article: file } })).finalResponse);
    expect((removed.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(said(removed)).toBe(
      `Removed **${GERMANIUM.title}**: it no longer answers questions, and no feed or link adds it again.\nThe file is kept as \`removed/${file}\` in the bot’s state folder; \`/knowledge restore\` puts it back.`,
    );
    expect(articleFiles()).not.toContain(file);
    expect(readdirSync(join(h.settings.STATE_DIR, 'removed'))).toEqual([file]);
    expect(h.bot.library.engine.record(file)).toBeUndefined();
    expect(await ask()).not.toMatch(/spring of 2027/);

    // Given again as a link, it is not added back unasked.
    const again = await add(site.url(`/articles/${GERMANIUM.slug}`));
    expect(said(again.outcome)).toMatch(new RegExp(`is an article removed from the knowledge base, kept as removed/${file} \\(the same link\\); /knowledge restore \\(or npm run remove-article -- --restore ${file}\\) puts it back\\. Nothing was saved\\.$`));

    // A name that is no article's: said so, nothing moves.
    const unknown = payload(await track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'remove', options: { article: '../state.json' } })).finalResponse);
    expect(said(unknown)).toMatch(/^No article in the knowledge base has the file `\.\.\/state\.json`/);

    const restoreChoices = await track(h.standIn.dispatchAutocomplete({ name: 'knowledge', subcommand: 'restore', focused: 'article', options: { article: 'germanium' } })).finalResponse;
    expect(restoreChoices.body.data.choices).toEqual([{ name: file, value: file }]);
    const restored = payload(await track(h.standIn.dispatchCommand({ name: 'knowledge', subcommand: 'restore', options: { article: file } })).finalResponse);
    expect(said(restored)).toBe(`Restored **${GERMANIUM.title}** as \`${file}\` — searchable again (3 passages).`);
    expect(articleFiles()).toContain(file);
    expect(readdirSync(join(h.settings.STATE_DIR, 'removed'))).toEqual([]);
    expect(await ask()).toMatch(/spring of 2027/);
  });

  it('outside Discord there is no preview and no removing: what to do from the shell is said instead', async () => {
    const { execute } = await import('../commands/knowledge');
    const reply = await execute({ name: 'knowledge', subcommand: 'add', options: { url: 'https://example.org/a' }, user: { id: 't', name: 't' }, canManageServer: true }, { library: h.bot.library, log: h.log });
    expect(JSON.stringify(reply)).toContain('npm run add-article -- URL');
    const removing = await execute({ name: 'knowledge', subcommand: 'remove', options: { article: 'x.md' }, user: { id: 't', name: 't' }, canManageServer: true }, { library: h.bot.library, log: h.log });
    expect(JSON.stringify(removing)).toContain('npm run remove-article -- FILE');
  });
});
