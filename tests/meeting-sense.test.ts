import { describe, expect, it } from 'vitest';
import { speaksOfMeeting } from '../src/core/catalog';

describe('speaksOfMeeting: a meeting of people, not a need or a problem met', () => {
  it.each([
    'Tokayev met Lutnick in Washington.',
    'The two leaders met in Astana on Monday.',
    'Rubio will meet the minister next week.',
    'The minister was met at the airport by Ambassador Rosenblum.',
    'He met with officials of the ministry.',
    'The meeting took place in Washington.',
    'Министр встретился с послом.',
    'Demand was met, and the leaders met in Astana.',
    'Rubio met with opposition leaders in Minsk.',
    'Tokayev met with the opposition on Monday.',
    'The opposition met Tokayev on Monday.',
    'Tokayev was met at the airport.',
    "Coach Stram's men will meet the Bills on Sunday.",
  ])('a meeting: %s', (text) => expect(speaksOfMeeting(text)).toBe(true));

  it.each([
    'Public housing easily leaped over the problems met in a private venture.',
    'The company met its production targets for the year.',
    'The proposal met with little success.',
    'The plan met with strong opposition in parliament.',
    'All the conditions were met, the minister said.',
    'Kazakhstan has met the deadline.',
    'Farms must meet the requirements set forth in the act.',
    'The difficulties met by small businesses are many.',
    'The proposal was met with skepticism.',
    'Demand was met with imports.',
    'He met unanimous opposition.',
  ])('no meeting: %s', (text) => expect(speaksOfMeeting(text)).toBe(false));
});
