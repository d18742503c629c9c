/** Opening the sidebar (dist/sidebar.html) on one of its views. */
import { showSidebarFile } from '../gas/ui';
import type { SidebarView } from './contract';

const TITLE = 'WeChat Analytics';
/** Written once in sidebar/index.html; the sidebar reads the view to start on from this attribute. */
const START_VIEW_MARKER = 'data-start-view="new-dataset"';

export function openSidebar(view: SidebarView): void {
  showSidebarFile(
    'sidebar',
    TITLE,
    view === 'new-dataset' ? undefined : (html) => html.replace(START_VIEW_MARKER, `data-start-view="${view}"`),
  );
}
