import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, parseDeepLink } from './deep-link';

const ID = '0190f5d2-7a3b-7c4d-8e9f-0a1b2c3d4e5f';

describe('switchboard:// links', () => {
  it('open a conversation or a ticket by its id', () => {
    expect(parseDeepLink(`switchboard://conversation/${ID}`)).toEqual({ conversationId: ID });
    expect(parseDeepLink(`switchboard://ticket/${ID}`)).toEqual({ ticketId: ID });
    expect(parseDeepLink(`switchboard://conversation/${ID}/`)).toEqual({ conversationId: ID });
  });

  it('refuse anything else a web page could send', () => {
    for (const link of [
      `https://conversation/${ID}`,
      `switchboard://settings/${ID}`,
      `switchboard://conversation/${ID}/messages`,
      `switchboard://conversation/`,
      'switchboard://conversation/not-an-id',
      `switchboard://conversation/${ID}?server=https://evil.example`,
      `switchboard://conversation/${ID}#x`,
      `switchboard://user:pw@conversation/${ID}`,
      `switchboard://conversation/${ID}${'a'.repeat(300)}`,
      'not a url',
    ]) {
      expect(parseDeepLink(link), link).toBeNull();
    }
  });

  it('are found among the command-line arguments the system passes', () => {
    expect(deepLinkInArgv(['/opt/Switchboard/switchboard', '--no-sandbox', `switchboard://ticket/${ID}`])).toEqual({ ticketId: ID });
    expect(deepLinkInArgv(['/opt/Switchboard/switchboard'])).toBeNull();
    expect(deepLinkInArgv(['switchboard', 'switchboard://evil/x'])).toBeNull();
  });
});
