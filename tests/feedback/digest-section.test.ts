/**
 * The weekly digest section "Asked but not in the library": on the day the team set (in the
 * digest's time zone, with a clock the test moves), never when off, the top 5 open gaps with how
 * many people asked, gaps answered since left out and counted.
 */
import { describe, expect, it } from 'vitest';
import { dayIn, gapsDigestSection, isGapsDigestDay, SECTION_HEADING, weekdayOf } from '../../src/feedback/digest-section';
import { buildGapsReport, type AnswerNow } from '../../src/feedback/report';
import { ManualClock } from '../support/manual-clock';
import { answerEvent, type FeedbackEvent } from './helpers';

/** Seven different unanswered questions, the first asked by 7 people, the next by 6, … */
function week(): FeedbackEvent[] {
  const topics = ['lithium output', 'uranium prices', 'gold reserves', 'copper smelters', 'rare earth magnets', 'cobalt mines', 'zinc exports'];
  return topics.flatMap((topic, i) =>
    Array.from({ length: 7 - i }, (_, person) => answerEvent({ question: `What about ${topic}?`, at: `2026-11-2${person % 3}T09:00:00Z`, user: `p${person}` })),
  );
}

describe('weekly digest section', () => {
  it('knows the weekday of a date', () => {
    expect(['2026-11-23', '2026-11-24', '2026-11-29'].map(weekdayOf)).toEqual(['monday', 'tuesday', 'sunday']);
    expect(isGapsDigestDay('2026-11-23', 'monday')).toBe(true);
    expect(isGapsDigestDay('2026-11-23', 'off')).toBe(false);
  });

  it('appears on the chosen day only, counted in the digest’s time zone', () => {
    const clock = new ManualClock('2026-11-22T08:00:00Z'); // Sunday
    const report = buildGapsReport(week(), { now: clock.now() });
    const sectionAt = (timeZone: string, setting: Parameters<typeof gapsDigestSection>[2] = 'monday') => gapsDigestSection(report, dayIn(clock.now(), timeZone), setting);
    expect(sectionAt('UTC')).toBeNull();
    clock.set('2026-11-22T20:00:00Z'); // still Sunday in UTC, already Monday in Almaty (UTC+5)
    expect(sectionAt('UTC')).toBeNull();
    expect(sectionAt('Asia/Almaty')?.heading).toBe(SECTION_HEADING);
    clock.set('2026-11-23T08:00:00Z'); // Monday
    expect(sectionAt('UTC')?.heading).toBe(SECTION_HEADING);
    expect(sectionAt('UTC', 'off')).toBeNull();
    expect(sectionAt('UTC', 'friday')).toBeNull();
    clock.set('2026-11-24T08:00:00Z'); // Tuesday
    expect(sectionAt('UTC')).toBeNull();
    // A late digest covering Sunday and Monday carries it.
    expect(gapsDigestSection(report, ['2026-11-22', '2026-11-23'], 'monday')).not.toBeNull();
  });

  it('lists the top 5 open gaps, most asked first, and counts the rest and those answered since', () => {
    const answerNow: AnswerNow = (q) =>
      /uranium/.test(q)
        ? { answered: true, results: [{ passage: { id: 1, position: 0, section: null, text: 'Uranium…', article: { file: 'u.md', title: 'Uranium' } } }] }
        : { answered: false, results: [] };
    const report = buildGapsReport(week(), { now: new Date('2026-11-23T08:00:00Z'), answerNow });
    const section = gapsDigestSection(report, '2026-11-23', 'monday')!;
    expect(section.items.map((i) => [i.question, i.people])).toEqual([
      ['What about lithium output?', 7],
      ['What about gold reserves?', 5],
      ['What about copper smelters?', 4],
      ['What about rare earth magnets?', 3],
      ['What about cobalt mines?', 2],
    ]);
    expect(section.lines[0]).toBe('“What about lithium output?” — 7 people');
    expect(section.footer).toBe('1 more in /knowledge gaps; 1 answered since by new articles.');
    expect(section.intro).toMatch(/last 7 days/);
  });

  it('is left out when nothing went unanswered, and cuts long questions', () => {
    const quiet = buildGapsReport([], { now: new Date('2026-11-23T08:00:00Z') });
    expect(gapsDigestSection(quiet, '2026-11-23', 'monday')).toBeNull();
    const long = buildGapsReport([answerEvent({ question: `Tell me ${'about lithium '.repeat(30)}`, at: '2026-11-22T09:00:00Z', user: 'p' })], { now: new Date('2026-11-23T08:00:00Z') });
    const item = gapsDigestSection(long, '2026-11-23', 'monday')!.items[0]!;
    expect(item.question.length).toBeLessThanOrEqual(150);
    expect(item.question.endsWith('…')).toBe(true);
  });
});
