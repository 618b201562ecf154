import { describe, expect, it } from 'vitest';
import { choosePortalUrl } from './portalUrl';

const schemaDefault = 'http://127.0.0.1:3000';

describe('choosePortalUrl', () => {
  it('prefers a URL the user set explicitly', () => {
    expect(
      choosePortalUrl({ user: 'https://mine.example.org', server: 'https://swan.example.org', fallback: schemaDefault })
    ).toBe('https://mine.example.org');
  });

  it('uses the server configuration when the user set nothing', () => {
    expect(choosePortalUrl({ user: undefined, server: 'https://swan.example.org/catalog', fallback: schemaDefault })).toBe(
      'https://swan.example.org/catalog'
    );
  });

  it('falls back to the schema default when neither is set', () => {
    expect(choosePortalUrl({ user: undefined, server: null, fallback: schemaDefault })).toBe(schemaDefault);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'catalog.example.org', 42])('skips %j', (bad) => {
    expect(choosePortalUrl({ user: bad, server: null, fallback: schemaDefault })).toBe(schemaDefault);
  });

  it('returns null when no candidate is an http(s) URL', () => {
    expect(choosePortalUrl({ user: 'ftp://x', server: 'data:text/html,hi', fallback: '' })).toBeNull();
  });
});
