/** The Sheets UI, through SpreadsheetApp, HtmlService and Session: the add-on's menu, its sidebar, the user's locale. */

export type MenuEntry = { caption: string; handler: string } | 'separator';

export function addMenu(title: string, entries: readonly MenuEntry[]): void {
  const menu = SpreadsheetApp.getUi().createMenu(title);
  for (const entry of entries) {
    if (entry === 'separator') menu.addSeparator();
    else menu.addItem(entry.caption, entry.handler);
  }
  menu.addToUi();
}

/** Shows an HTML file of the project in the sidebar, its content passed through `adapt` first. */
export function showSidebarFile(file: string, title: string, adapt?: (html: string) => string): void {
  const page = HtmlService.createHtmlOutputFromFile(file);
  const html = adapt ? HtmlService.createHtmlOutput(adapt(page.getContent())) : page;
  SpreadsheetApp.getUi().showSidebar(html.setTitle(title));
}

/** The user's locale in Google (e.g. "zh_CN"). */
export function userLocale(): string {
  return Session.getActiveUserLocale();
}
