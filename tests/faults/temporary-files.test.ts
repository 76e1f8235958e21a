/**
 * Issue 11, item 5: temporary files of an interrupted write are removed at the next start, also in
 * a container, where every run of the bot is process 1: the name carries the run, not only the id.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeLeftoverTemporaries, temporaryPathFor } from '../../src/util/atomic-file';
import { temporaryDir } from '../support/temporary-dir';

describe('temporary files left by an interrupted write', () => {
  it('are removed when an earlier run with this same process id left them; this run’s own are kept', async () => {
    const dir = temporaryDir('kz-temporaries-');
    const earlierRun = `state.json.tmp-${process.pid}-0badc0de-3`;
    const ours = basename(temporaryPathFor(join(dir, 'state.json')));
    writeFileSync(join(dir, earlierRun), 'half');
    writeFileSync(join(dir, ours), 'being written');
    writeFileSync(join(dir, 'state.json'), '{}');
    expect(ours).toMatch(new RegExp(`^state\\.json\\.tmp-${process.pid}-[0-9a-f]{8}-\\d+$`));
    expect(ours).not.toContain('0badc0de');

    expect(await removeLeftoverTemporaries(dir)).toEqual([earlierRun]);
    expect(readdirSync(dir).sort()).toEqual([ours, 'state.json'].sort());
  });

  it('of a process that has ended are removed, in every form names have had; a running process’s are kept', async () => {
    const dir = temporaryDir('kz-temporaries-old-');
    const ended = 999_999; // above Linux's default pid_max: no such process
    const names = [`a.bin.tmp-${ended}-0123abcd-1`, `b.bin.tmp-${ended}-2`, `c.bin.${ended}-3.tmp`, `d.bin.tmp-1-0123abcd-1`];
    for (const name of names) writeFileSync(join(dir, name), 'half');
    // Process 1 runs (init): an older-form name of it cannot be told from a live writer's, and is kept.
    writeFileSync(join(dir, 'e.bin.tmp-1-4'), 'maybe in use');
    const removed = await removeLeftoverTemporaries(dir);
    expect(removed.sort()).toEqual(names.filter((name) => !name.startsWith('d.')).sort());
    expect(readdirSync(dir).sort()).toEqual(['d.bin.tmp-1-0123abcd-1', 'e.bin.tmp-1-4']);
  });
});
