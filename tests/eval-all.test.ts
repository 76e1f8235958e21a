import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSets, figuresOf, formatTable, type SetFigures } from '../scripts/eval-all';
import { temporaryDir } from './support/temporary-dir';

/** A project tree with the sets eval:all looks for, written for this test. */
function projectWith(probes: string[], blind: string[]): string {
  const root = temporaryDir('eval-all-');
  const evalDir = join(root, 'tests', 'eval');
  for (const probe of probes) {
    mkdirSync(join(evalDir, probe, 'knowledge'), { recursive: true });
    writeFileSync(join(evalDir, probe, 'questions.json'), '{"answerable": [], "unanswerable": []}');
  }
  mkdirSync(join(evalDir, 'notes'), { recursive: true });
  writeFileSync(join(evalDir, 'BLIND'), `# never read\n${blind.join('\n')}\n`);
  return root;
}

describe('npm run eval:all', () => {
  it('finds the team\'s, the held-out and every probe set in number order, marks the blind ones, and SQuAD only when its file is there', () => {
    const root = projectWith(['probe', 'probe10', 'probe2'], ['probe10']);
    const squad = join(root, 'squad.json');
    expect(discoverSets(root, squad).map((set) => [set.name, set.blind])).toEqual([
      ['team', false],
      ['holdout', false],
      ['probe', false],
      ['probe2', false],
      ['probe10', true],
    ]);
    writeFileSync(squad, '{}');
    expect(discoverSets(root, squad).at(-1)).toEqual({ name: 'squad', args: ['--squad', squad, '--engine-only'], blind: false });
  });

  it('reads the figures of a question set and of a SQuAD run from what `npm run eval -- --json` prints', () => {
    const set = figuresOf(
      'probe3',
      JSON.stringify({
        runs: {
          plain: { name: 'plain', answerable: { total: 150, top1: 128, mrr: 0.886 }, unanswerable: { total: 40, declined: 31 } },
          distractors: { name: 'distractors', answerable: { total: 150, top1: 125, mrr: 0.861 }, unanswerable: { total: 40, declined: 30 } },
        },
      }),
    );
    expect(set.runs.map((run) => [run.name, run.right, run.declined])).toEqual([
      ['plain', 128, 31],
      ['distractors', 125, 30],
    ]);
    const squad = figuresOf(
      'squad',
      JSON.stringify({ distractors: true, systems: [{ scores: { answerable: { total: 293, top1: 214, rightParagraph: 214, mrr: 0.796, declined: 12 }, unanswerable: { total: 333, declined: 114 } } }] }),
    );
    expect(squad.runs).toEqual([{ name: 'distractors', right: 214, answerable: 293, mrr: 0.796, declined: 114, unanswerable: 333, answerableDeclined: 12 }]);
  });

  it('marks a set whose figures moved since an earlier run and says what each moved figure was', () => {
    const now: SetFigures[] = [
      { name: 'team', runs: [{ name: 'plain', right: 82, answerable: 84, mrr: 0.982, declined: 22, unanswerable: 22 }] },
      { name: 'probe2', runs: [{ name: 'plain', right: 122, answerable: 150, mrr: 0.864, declined: 27, unanswerable: 40 }] },
    ];
    const before: SetFigures[] = [now[0]!, { name: 'probe2', runs: [{ ...now[1]!.runs[0]!, declined: 26 }] }];
    const table = formatTable(now, before).split('\n');
    expect(table[1]).toBe('team | 82/84, MRR 0.982, declined 22/22 | —');
    expect(table[2]).toBe('* probe2 | 122/150, MRR 0.864, declined 27/40 (was 26) | —');
  });
});
