import { it } from 'vitest';
import { startBotHarness } from './support/bot-harness';
it('explore', async () => {
  const h = await startBotHarness();
  try {
    const show = async (label: string, handle: any) => { const f = await handle.finalResponse; console.log(label, JSON.stringify(f.body ?? f).slice(0, 1500)); return f; };
    await show('who met tokayev', h.standIn.dispatchCommand({ name: 'who', subcommand: 'met', options: { person: 'Kassym-Jomart Tokayev' } }));
    await show('ac person', h.standIn.dispatchAutocomplete({ name: 'who', subcommand: 'met', focused: 'person' }));
    for (const q of ['Who met whom?', 'Who did they meet?', 'Who met?', 'meeting', 'Who signed the memorandum? @everyone', 'Who signed the memorandum? **bold** `code` [link](http://x)']) {
      const a = await h.standIn.dispatchCommand({ name: 'ask', options: { question: q } }).finalResponse;
      console.log(q, '=>', a.body.data.flags, a.body.data.content, a.body.data.embeds[0].description.slice(0, 80));
    }
    const h1 = h.standIn.dispatchCommand({ name: 'ask', options: { question: 'Who signed the memorandum?' } });
    await h1.finalResponse;
    let msg = h1.message()!;
    for (let i = 0; i < 6; i++) {
      const btn = msg.components![0].components.find((c: any) => c.style === 2);
      const c = h.standIn.clickButton({ customId: btn.custom_id, message: msg });
      const r = await c.finalResponse;
      console.log('click', r.type, r.body.data.embeds[0].footer.text, r.body.data.components[0].components.map((x: any) => x.label), r.body.data.content);
      msg = h.standIn.message(msg.id)!;
    }
    console.log('violations', h.standIn.violations);
    console.log(h.logs.lines.join(''));
  } finally { await h.close(); }
});
