import { describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply';
import { renderText } from '../src/terminal/render-text';

const citation = { title: 'Kazakhstan opens tungsten deposit', publisher: 'The Steppe Ledger', published: '2026-03-09', url: 'https://example.com/a', section: null, file: 'a.md' };
const replyQuoting = (text: string): Reply => ({ pages: [{ quote: { segments: [{ text, match: false }], citation } }] }) as unknown as Reply;

describe('a passage in the terminal', () => {
  it('is put between quotation marks, with its citation under it', () => {
    expect(renderText(replyQuoting('The ministry invited American companies.')).split('\n')).toEqual([
      '“The ministry invited American companies.”',
      '  — Kazakhstan opens tungsten deposit',
      '    The Steppe Ledger · 2026-03-09',
      '    https://example.com/a',
    ]);
  });

  it('that opens with a quotation is not put in a second pair', () => {
    const said = '“We are open to partners who build processing here,” Nagaspayev said.';
    expect(renderText(replyQuoting(said)).split('\n')[0]).toBe(said);
    expect(renderText(replyQuoting('"We are open," he said.')).split('\n')[0]).toBe('"We are open," he said.');
  });
});
