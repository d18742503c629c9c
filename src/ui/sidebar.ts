/**
 * Opening the sidebar (dist/sidebar.html) on one of its views, with its first screen (the sidebar context) written
 * into the page, so it draws without waiting for a server round trip (0.5–1.5 s in Apps Script).
 */
import { showSidebarFile } from '../gas/ui';
import type { SidebarContext, SidebarView } from './contract';
import { getSidebarContext, sidebarLanguage } from './session';

/** The panel's title, in the language the sidebar opens in (as sidebar/i18n.ts's appTitle). */
const TITLES = { en: 'WeChat Analytics', zh: '微信数据分析' } as const;
/** Written once in sidebar/index.html; the sidebar reads the view to start on from this attribute. */
const START_VIEW_MARKER = 'data-start-view="new-dataset"';
/** The empty JSON block in sidebar/index.html; `null` there makes the sidebar ask getSidebarContext itself. */
const CONTEXT_MARKER = '<script type="application/json" id="sidebar-context">null</script>';

/** JSON that cannot end the script block it sits in (`</script>` in a DataSet's name, `<!--`). */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The context, or undefined when reading it failed: the sidebar then asks for it (and shows that error). */
function contextOrNothing(): SidebarContext | undefined {
  try {
    return getSidebarContext();
  } catch (error) {
    console.warn(`openSidebar: context not inlined: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

export function openSidebar(view: SidebarView): void {
  const context = contextOrNothing();
  showSidebarFile('sidebar', TITLES[context?.language ?? sidebarLanguage()], (html) => {
    let content = view === 'new-dataset' ? html : html.replace(START_VIEW_MARKER, `data-start-view="${view}"`);
    if (context) {
      content = content.replace(
        CONTEXT_MARKER,
        () => `<script type="application/json" id="sidebar-context">${inlineJson(context)}</script>`,
      );
    }
    return content;
  });
}
