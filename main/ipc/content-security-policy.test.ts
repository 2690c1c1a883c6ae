import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './content-security-policy';

/** The policy's directives by name, each with its sources. */
function directives(policy: string): Map<string, readonly string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('the Content-Security-Policy of the cabin screens', () => {
  it('lets the page in browser mode connect to its own API port and nowhere else', () => {
    const policy = directives(contentSecurityPolicy({ localApiPort: 41_234 }));
    expect(policy.get('connect-src')).toEqual(['ws://127.0.0.1:41234', 'ws://localhost:41234']);
  });

  it('lets the Electron page connect to nothing: it talks to the controller through the preload only', () => {
    const policy = directives(contentSecurityPolicy({ localApiPort: null }));
    expect(policy.get('connect-src')).toEqual(["'none'"]);
  });

  it('names no wildcard, no bare scheme and no remote host in any directive', () => {
    for (const localApiPort of [null, 8080]) {
      const sources = [...directives(contentSecurityPolicy({ localApiPort })).values()].flat();
      expect(sources.filter((source) => source.includes('*'))).toEqual([]);
      expect(sources.filter((source) => /^(wss?|https?):$/.test(source))).toEqual([]);
      expect(
        sources.filter(
          (source) => /^[a-z]+:\/\//.test(source) && !/^ws:\/\/(127\.0\.0\.1|localhost):/.test(source),
        ),
      ).toEqual([]);
    }
  });

  it('keeps scripts to the app and forbids plugins, frames and forms', () => {
    const policy = directives(contentSecurityPolicy({ localApiPort: null }));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
  });

  it('refuses a port that is no port', () => {
    expect(() => contentSecurityPolicy({ localApiPort: 0 })).toThrow(/port/);
    expect(() => contentSecurityPolicy({ localApiPort: 70_000 })).toThrow(/port/);
  });
});
