/** Opening the sidebar (dist/sidebar.html) on one of its views. */
import type { SidebarView } from './contract';

const TITLE = 'WeChat Analytics';
/** Written once in sidebar/index.html; the sidebar reads the view to start on from this attribute. */
const START_VIEW_MARKER = 'data-start-view="new-dataset"';

export function openSidebar(view: SidebarView): void {
  const page = HtmlService.createHtmlOutputFromFile('sidebar');
  const html =
    view === 'new-dataset'
      ? page
      : HtmlService.createHtmlOutput(page.getContent().replace(START_VIEW_MARKER, `data-start-view="${view}"`));
  SpreadsheetApp.getUi().showSidebar(html.setTitle(TITLE));
}
