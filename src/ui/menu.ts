/** The WeChat menu and the sidebar. onOpen may run in AuthMode NONE: it only builds the menu. */

export function onOpen(_event?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi().createMenu('WeChat').addItem('New DataSet', 'showNewDataSet').addToUi();
}

export function onInstall(event?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(event as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function showNewDataSet(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('WeChat Analytics');
  SpreadsheetApp.getUi().showSidebar(html);
}
