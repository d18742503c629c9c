import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as acorn from 'acorn';
import { createEmulation, type MenuItemRecord } from '../../dev/gas';
import { loadAddon, saveDirectAccount, saveRangeDataSet, sidebarHtml } from '../support/addon';

const root = join(__dirname, '..', '..');
const code = readFileSync(join(root, 'dist', 'Code.js'), 'utf8');
const entryPoints: string[] = JSON.parse(readFileSync(join(root, 'dist', 'entrypoints.json'), 'utf8'));
const program = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script' }) as unknown as acorn.Program;

type AnyNode = acorn.Node & Record<string, unknown>;

function walk(node: unknown, visit: (node: AnyNode, parent: AnyNode | undefined) => void, parent?: AnyNode): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit, parent);
    return;
  }
  const current = node as AnyNode;
  if (typeof current.type !== 'string') return;
  visit(current, parent);
  for (const [key, value] of Object.entries(current)) {
    if (key !== 'type' && key !== 'start' && key !== 'end') walk(value, visit, current);
  }
}

describe('dist/Code.js as Apps Script loads it', () => {
  const topLevelFunctions = program.body
    .filter((node): node is acorn.FunctionDeclaration => node.type === 'FunctionDeclaration')
    .map((node) => node.id.name);

  it('declares every entry point as a top-level function declaration, and nothing else', () => {
    expect(entryPoints).toEqual(
      expect.arrayContaining([
        'onOpen',
        'onInstall',
        'showNewDataSet',
        'saveAccount',
        'saveDataSet',
        'runDataSet',
        'testConnection',
      ]),
    );
    expect(topLevelFunctions.sort()).toEqual([...entryPoints].sort());
  });

  it('gives every top-level function the JSDoc src/main.ts gives its entry point', () => {
    const comments: acorn.Comment[] = [];
    const withComments = acorn.parse(code, { ecmaVersion: 2020, sourceType: 'script', onComment: comments });
    const undocumented = withComments.body
      .filter((node): node is acorn.FunctionDeclaration => node.type === 'FunctionDeclaration')
      .filter((node) => {
        const doc = comments.filter((comment) => comment.end <= node.start).at(-1);
        return doc?.type !== 'Block' || !doc.value.startsWith('*') || code.slice(doc.end, node.start).trim() !== '';
      })
      .map((node) => node.id.name);
    expect(undocumented).toEqual([]);
  });

  it('replaces each declared function with the real one once loaded in a fresh context with only the Apps Script globals', () => {
    const emu = createEmulation({ files: { sidebar: sidebarHtml() } });
    try {
      const globals = emu.loadBundle(code, 'Code.js').context as Record<string, unknown>;
      const stillEmpty = entryPoints.filter((name) => {
        const fn = globals[name];
        return typeof fn !== 'function' || /^function\s*[\w$]*\s*\(\)\s*\{\s*\}$/.test(String(fn));
      });
      expect(stillEmpty).toEqual([]);
    } finally {
      emu.dispose();
    }
  });

  it('declares the handler the schedule trigger names', () => {
    const addon = loadAddon({ origin: 'http://127.0.0.1:9' });
    try {
      const accountId = saveDirectAccount(addon);
      saveRangeDataSet(addon, accountId, 'user_summary', '2026-11-01', '2026-11-02', {
        schedule: { kind: 'daily', hour: 9 },
      });
      addon.call('getScheduleInfo');
      const handlers = addon.emu.triggers().map((trigger) => trigger.handler);
      expect(handlers).toEqual(['onScheduledTick']);
      expect(topLevelFunctions).toContain('onScheduledTick');
    } finally {
      addon.dispose();
    }
  });

  it('declares every function a menu item names', () => {
    const addon = loadAddon({ origin: 'http://127.0.0.1:9' });
    try {
      addon.call('onOpen');
      const handlers: string[] = [];
      const collect = (items: MenuItemRecord[]): void => {
        for (const item of items) {
          if (item.kind === 'item') handlers.push(item.functionName);
          if (item.kind === 'submenu') collect(item.items);
        }
      };
      for (const menu of addon.emu.ui.menus) collect(menu.items);
      expect(handlers.length).toBeGreaterThan(0);
      for (const handler of handlers) expect(topLevelFunctions).toContain(handler);
    } finally {
      addon.dispose();
    }
  });

  it('references no Node global', () => {
    const nodeGlobals = new Set([
      'require',
      'process',
      'module',
      'exports',
      'Buffer',
      '__dirname',
      '__filename',
      'global',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'URL',
      'TextEncoder',
      'TextDecoder',
      'structuredClone',
      'fetch',
    ]);
    const found = new Set<string>();
    walk(program, (node, parent) => {
      if (node.type !== 'Identifier' || !nodeGlobals.has(node.name as string)) return;
      const isPropertyName =
        parent &&
        ((parent.type === 'MemberExpression' && parent.property === node && !parent.computed) ||
          ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') &&
            parent.key === node &&
            !parent.computed));
      if (!isPropertyName) found.add(node.name as string);
    });
    expect([...found]).toEqual([]);
  });

  it('is small enough to load fast in Apps Script', () => {
    expect(Buffer.byteLength(code)).toBeLessThan(250 * 1024);
  });
});

describe('dist/ as clasp pushes it', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'dist', 'appsscript.json'), 'utf8'));

  it('has the V8 manifest with minimal explicit scopes and the WeChat hosts allowed', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.scriptapp',
      // Failure emails to the schedule's owner (MailApp), and naming who runs the schedule.
      'https://www.googleapis.com/auth/script.send_mail',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    expect(manifest.urlFetchWhitelist).toEqual([
      'https://api.weixin.qq.com/',
      'https://api2.weixin.qq.com/',
      'https://api.wechat.com/',
      // The tests' deployment (test/support/addon.config.test.json): its relays, added by the build.
      'https://*.relay.test/',
    ]);
  });

  it('tells the bundle the relay URLs its manifest allows, leaving a "use strict" directive first', () => {
    const statements = program.body.map((node) => code.slice(node.start, node.end));
    expect(statements).toContain('var WECHAT_ANALYTICS_DEPLOYMENT = {"relayUrls":["https://*.relay.test/"]};');
    const strict = statements.findIndex((statement) => /^["']use strict["'];?$/.test(statement));
    expect(strict).toBeLessThanOrEqual(0);
  });

  it('inlines the sidebar in one file with no closing script tag inside its script', () => {
    const html = readFileSync(join(root, 'dist', 'sidebar.html'), 'utf8');
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(html).toContain('add-ons1.css');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
