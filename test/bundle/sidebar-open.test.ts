/**
 * Opening the sidebar: one read of the document's properties in total (the user's language included), and the page
 * arrives with its first screen inside it (no getSidebarContext round trip before it can draw), with no secret in
 * it.
 */
import { type Addon, CHINA_ACCOUNT, saveRangeDataSet } from '../support/addon';
import { useBundle } from '../support/use-bundle';

const PROPERTY_READS = ['Properties.getProperties', 'Properties.getProperty', 'Properties.getKeys'];

function propertyReads(addon: Addon): Record<string, number> {
  const counts = addon.emu.calls.snapshot();
  return Object.fromEntries(PROPERTY_READS.map((name) => [name, counts[name] ?? 0]));
}

/** The JSON block the server wrote into the page, parsed. */
function inlinedContext(html: string): Record<string, unknown> {
  const match = /<script type="application\/json" id="sidebar-context">([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('the sidebar page carries no #sidebar-context block');
  return JSON.parse(match[1]!) as Record<string, unknown>;
}

describe('opening the sidebar', () => {
  const bundle = useBundle();

  beforeAll(() => {
    for (const reportId of ['user_summary', 'article_summary', 'upstream_msg'])
      saveRangeDataSet(bundle.addon, bundle.accountId, reportId, '2026-11-20', '2026-11-26', {
        name: `Open ${reportId}`,
        updateMethod: 'append',
        schedule: { kind: 'daily', hour: 9 },
      });
    bundle.addon.call('getSidebarContext');
  });

  it('reads the properties once in all, in one getProperties, with or without a language chosen', () => {
    for (const language of [undefined, 'zh']) {
      if (language) bundle.addon.call('setSidebarLanguage', language);
      bundle.addon.emu.calls.reset();
      bundle.addon.call('showManageDataSets');
      expect(propertyReads(bundle.addon)).toEqual({
        'Properties.getProperties': 1,
        'Properties.getProperty': 0,
        'Properties.getKeys': 0,
      });
      const sidebars = bundle.addon.emu.ui.sidebars;
      expect(inlinedContext(sidebars[sidebars.length - 1]!.html).language).toBe(language ?? 'en');
    }
    bundle.addon.call('setSidebarLanguage', 'en');
  });

  it('keeps each user’s language in the spreadsheet, under a fingerprint rather than their address', () => {
    const { emu } = bundle.addon;
    const first = emu.user;
    try {
      emu.setUser('ling@example.com');
      expect(bundle.addon.call('setSidebarLanguage', 'zh')).toBe('zh');
      emu.setUser('sam@example.com');
      expect(bundle.addon.call('getSidebarContext').language).toBe('en');
      emu.setUser('ling@example.com');
      expect(bundle.addon.call('getSidebarContext').language).toBe('zh');
      const kept = Object.entries(emu.properties.document()).filter(([key]) => key.startsWith('lang.'));
      expect(kept.map(([, language]) => language)).toContain('zh');
      expect(JSON.stringify(kept)).not.toContain('ling');
    } finally {
      emu.setUser(first);
    }
  });

  it('renders the first screen into the page: the view, the lists, no secret', () => {
    bundle.addon.call('showManageDataSets');
    const sidebars = bundle.addon.emu.ui.sidebars;
    const html = sidebars[sidebars.length - 1]!.html;
    expect(html).toContain('data-start-view="datasets"');
    const context = inlinedContext(html);
    expect((context.dataSets as Array<{ name: string }>).map((d) => d.name).sort()).toEqual([
      'Open article_summary',
      'Open upstream_msg',
      'Open user_summary',
    ]);
    expect((context.accounts as Array<{ appId: string }>)[0]!.appId).toBe(CHINA_ACCOUNT.appid);
    expect(html).not.toContain(CHINA_ACCOUNT.secret);
    expect(JSON.stringify(context)).toEqual(JSON.stringify(bundle.addon.call('getSidebarContext')));
  });

  it('escapes what could close the script block', () => {
    const accountId = bundle.addon.call('listAccounts')[0]!.id;
    saveRangeDataSet(bundle.addon, accountId, 'user_cumulate', '2026-11-20', '2026-11-26', {
      name: '</script><b>x',
    });
    bundle.addon.call('showNewDataSet');
    const sidebars = bundle.addon.emu.ui.sidebars;
    const html = sidebars[sidebars.length - 1]!.html;
    expect(html).not.toContain('</script><b>x');
    const names = (inlinedContext(html).dataSets as Array<{ name: string }>).map((d) => d.name);
    expect(names).toContain('</script><b>x');
  });
});
