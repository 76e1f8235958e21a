/** The settings of articles from links and feeds: defaults, and a clear line for a bad value. */
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../src/bot/settings';

describe('ingest settings', () => {
  it('default to a 30-minute poll, no contact, private addresses refused, no extra role', () => {
    const settings = parseSettings({});
    expect(settings).toMatchObject({ FEEDS_POLL_MINUTES: 30, ALLOW_PRIVATE_NETWORK: false });
    expect(settings.FEEDS_CONTACT).toBeUndefined();
    expect(settings.KNOWLEDGE_ADD_ROLE).toBeUndefined();
  });

  it('read what the operator sets', () => {
    expect(parseSettings({ FEEDS_POLL_MINUTES: '15', FEEDS_CONTACT: 'https://team.example/contact', ALLOW_PRIVATE_NETWORK: 'true', KNOWLEDGE_ADD_ROLE: '123456789012345678' })).toMatchObject({
      FEEDS_POLL_MINUTES: 15,
      FEEDS_CONTACT: 'https://team.example/contact',
      ALLOW_PRIVATE_NETWORK: true,
      KNOWLEDGE_ADD_ROLE: '123456789012345678',
    });
    expect(parseSettings({ FEEDS_CONTACT: ' ops@example.org ' }).FEEDS_CONTACT).toBe('ops@example.org');
  });

  it('name a bad value in one line', () => {
    expect(() => parseSettings({ FEEDS_POLL_MINUTES: '2' })).toThrow('Setting FEEDS_POLL_MINUTES is invalid: must be at least 5 (be polite to the sites). See .env.example.');
    expect(() => parseSettings({ FEEDS_CONTACT: 'call me' })).toThrow('Setting FEEDS_CONTACT is invalid: must be an e-mail address or an http(s) address where site owners can reach you. See .env.example.');
    expect(() => parseSettings({ ALLOW_PRIVATE_NETWORK: 'maybe' })).toThrow('Setting ALLOW_PRIVATE_NETWORK is invalid: must be true or false. See .env.example.');
    expect(() => parseSettings({ KNOWLEDGE_ADD_ROLE: 'editors' })).toThrow('Setting KNOWLEDGE_ADD_ROLE is invalid: must be a Discord ID (17 to 20 digits). See .env.example.');
  });
});
