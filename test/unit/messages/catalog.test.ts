/**
 * The message catalog: every code the server can send has an English and a Chinese text written from its params,
 * the server's English is exactly that text, and the sidebar never needs the English to write either language.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageCode } from '../../../src/messages/codes';
import { EN, english } from '../../../src/messages/en';
import { isMessageCode, RENDERERS, sayIn } from '../../../src/messages/render';
import { ZH } from '../../../src/messages/zh';
import { describeWeChatError } from '../../../src/wechat/errors';
import { SAMPLES } from '../../support/message-samples';

/**
 * Latin text a Chinese message may carry: addresses and IDs (a URL, an App ID such as wx1234567890abcdef), what
 * the user types or WeChat shows by that name (App ID, App Secret, AppID, AppSecret, appSecret, access token,
 * token, "wx"), the services, units and formats named as they are (Google, Apps Script, HTTP, JSON, URL, IP, API,
 * KB, YYYY-MM-DD), and what a deployer types (addon.config.json, relayUrls, npm run deploy). The sample params' own
 * values (hosts, names, errmsgs, a detail) are removed before the check.
 */
const ALLOWED_LATIN =
  /https?:\/\/[^\s，。：；）]+|\bwx[0-9a-f]{16}\b|\b(App ID|App Secret|AppID|AppSecret|appSecret|access token|token|Google Apps Script|Google|Apps Script|HTTP|JSON|URL|IP|API|KB|YYYY-MM-DD|addon\.config\.json|relayUrls|npm run deploy|https?|wx)\b/g;

function paramTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(paramTexts);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(paramTexts);
  return [];
}

function latinLeft(text: string, params: unknown): string[] {
  let rest = text;
  for (const value of paramTexts(params).sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
  return rest.replace(ALLOWED_LATIN, ' ').match(/[A-Za-z]{2,}/g) ?? [];
}

const CODES = Object.keys(SAMPLES) as MessageCode[];

describe('the message catalog', () => {
  it('has an English and a Chinese text for every code, and no code the samples miss', () => {
    expect(Object.keys(EN).sort()).toEqual([...CODES].sort());
    expect(Object.keys(ZH).sort()).toEqual([...CODES].sort());
    for (const code of CODES) {
      for (const language of ['en', 'zh'] as const) {
        const text = sayIn({ code, params: SAMPLES[code] }, language, language === 'en' ? 'Name' : '名称');
        expect([code, language, text.trim().length > 4]).toEqual([code, language, true]);
      }
    }
  });

  it('writes Chinese with no Latin words beyond names, codes, IDs and the terms WeChat and Google use', () => {
    const offending = CODES.flatMap((code) => {
      const left = latinLeft(sayIn({ code, params: SAMPLES[code] }, 'zh', '名称'), SAMPLES[code]);
      return left.length > 0 ? [`${code}: ${left.join(' ')}`] : [];
    });
    expect(offending).toEqual([]);
  });

  it('puts the facts of the params in both languages (numbers, dates, names)', () => {
    for (const [code, fact] of [
      ['future', '2026-11-27'],
      ['in_use', '月报'],
      ['wechat_ip_not_whitelisted', '203.0.113.9'],
      ['call_budget', '500'],
      ['published', '2026-11-23'],
    ] as const) {
      for (const renderers of Object.values(RENDERERS)) {
        const render = renderers[code] as (params: unknown, label: string) => string;
        expect(render(SAMPLES[code], '')).toContain(fact);
      }
    }
  });

  it("builds the server's English from the code and params alone", () => {
    for (const errcode of [-1, 40001, 40013, 40125, 40164, 42001, 45009, 47009, 48001, 61501, 61503, 89506, 990002]) {
      const info = describeWeChatError(errcode, 'invalid ip 203.0.113.9 ipv6 ::ffff:203.0.113.9, not in whitelist', {
        tokenCall: errcode === 40001,
        relay: errcode === 990002,
      });
      expect(isMessageCode(info.code)).toBe(true);
      expect(info.message).toBe(english(info.code, info.params as never));
    }
  });
});

describe('the sidebar', () => {
  const sidebarSources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sidebarSources(path);
      return name.endsWith('.ts') ? [path] : [];
    });

  it('reads no server message: only the catalog writes what the server says', () => {
    const readers = sidebarSources(join(__dirname, '..', '..', '..', 'sidebar')).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          // error.message: a call google.script.run could not make (no server answer to translate).
          /\.message\b/.test(line.replace(/\berror\.message\b/g, '')) ? [`${path}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(readers).toEqual([]);
  });
});
