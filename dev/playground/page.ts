/** The playground's HTML: the spreadsheet view, and the real sidebar page with google.script.run shimmed. */
import { CHART_LIBRARY } from './charts';
import { playgroundPage, sidebarShim } from './client';

const ADDON_STYLESHEET = /https:\/\/ssl\.gstatic\.com\/docs\/script\/css\/add-ons1\.css/g;
/** Served empty: gstatic is not reachable offline, and the sidebar carries its own look. */
export const LOCAL_ADDON_STYLESHEET = '/vendor/add-ons1.css';

function inline(fn: () => void): string {
  return `(${fn.toString()})();`.replace(/<\/script/gi, '<\\/script');
}

/** The sidebar exactly as showSidebar received it, plus the shim, and the add-on stylesheet served locally. */
export function sidebarPage(html: string): string {
  const shim = `<script>${inline(sidebarShim)}</script>`;
  const withShim = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (head) => `${head}\n${shim}`) : shim + html;
  return withShim.replace(ADDON_STYLESHEET, LOCAL_ADDON_STYLESHEET);
}

const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: Arial, sans-serif; font-size: 13px; color: #202124; }
.app { display: flex; flex-direction: column; height: 100vh; }
.titlebar { display: flex; align-items: center; gap: 10px; padding: 8px 16px 2px; }
.logo { width: 24px; height: 28px; border-radius: 3px; background: #0f9d58; position: relative; }
.logo::after { content: ''; position: absolute; inset: 8px 6px; border: 2px solid #fff; border-radius: 1px; }
.book-name { font-size: 18px; }
.badge { font-size: 11px; color: #5f6368; border: 1px solid #dadce0; border-radius: 10px; padding: 1px 8px; }
.menubar { display: flex; align-items: center; gap: 2px; padding: 0 12px 4px 46px; }
.menu-disabled, .menu-trigger { padding: 4px 7px; border-radius: 4px; color: #5f6368; }
.menu { position: relative; }
.menu-trigger { border: 0; background: none; font: inherit; color: #202124; cursor: pointer; font-weight: bold; }
.menu-trigger:hover, .menu-trigger[aria-expanded='true'] { background: #e8eaed; }
.menu-list { position: absolute; top: 100%; left: 0; z-index: 10; min-width: 200px; margin: 2px 0 0; padding: 6px 0;
  list-style: none; background: #fff; border-radius: 4px; box-shadow: 0 2px 6px rgba(60,64,67,.3); }
.menu-list [role='separator'] { border-top: 1px solid #dadce0; margin: 6px 0; }
.menu-item { display: block; width: 100%; text-align: left; border: 0; background: none; font: inherit;
  padding: 6px 24px; cursor: pointer; }
.menu-item:hover, .menu-item:focus { background: #f1f3f4; outline: none; }
.workspace { flex: 1; display: flex; min-height: 0; border-top: 1px solid #dadce0; }
.sheet-area { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.grid-wrap { flex: 1; overflow: auto; position: relative; }
#grid.with-charts td { width: 100px; min-width: 100px; max-width: 100px; }
#grid td.spill { overflow: visible; text-overflow: clip; position: relative; z-index: 1; }
.sheet-chart { position: absolute; z-index: 3; background: #fff; border: 1px solid #dadce0; box-shadow: 0 1px 3px rgba(60,64,67,.25); }
.sheet-chart canvas { display: block; }
#grid { border-collapse: collapse; table-layout: auto; }
#grid th, #grid td { border: 1px solid #e2e3e3; padding: 2px 6px; height: 21px; white-space: nowrap;
  max-width: 220px; overflow: hidden; text-overflow: ellipsis; }
#grid thead th { position: sticky; top: 0; z-index: 2; background: #f8f9fa; color: #5f6368; font-weight: normal; min-width: 80px; }
#grid th.corner { min-width: 46px; left: 0; z-index: 3; }
#grid th.row { position: sticky; left: 0; z-index: 1; background: #f8f9fa; color: #5f6368; font-weight: normal; min-width: 46px; }
#grid td.number { text-align: right; }
#grid tr.bold td { font-weight: bold; }
#grid tr.frozen td, #grid tr.frozen th { border-bottom: 3px solid #bdc1c6; }
.grid-more { color: #5f6368; padding: 4px 8px; }
.grid-more:empty { display: none; }
.tabs { display: flex; gap: 2px; padding: 0 8px; background: #f8f9fa; border-top: 1px solid #dadce0; overflow-x: auto; }
.sheet-tab { border: 0; background: none; font: inherit; padding: 8px 14px; cursor: pointer; color: #5f6368; white-space: nowrap; }
.sheet-tab.current { background: #fff; color: #188038; font-weight: bold; box-shadow: inset 0 -3px 0 #188038; }
.sidebar-panel { width: 301px; flex: 0 0 301px; display: flex; flex-direction: column; border-left: 1px solid #dadce0; }
.sidebar-panel[hidden] { display: none; }
.sidebar-head { display: flex; align-items: center; justify-content: space-between; padding: 10px 8px 10px 12px;
  font-size: 16px; border-bottom: 1px solid #dadce0; }
.sidebar-head button { border: 0; background: none; font-size: 20px; cursor: pointer; color: #5f6368; }
#sidebar-frame { width: 300px; flex: 1; border: 0; }
.status { padding: 4px 12px; font-size: 11px; color: #5f6368; border-top: 1px solid #dadce0; }
`;

export function playgroundHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>WeChat Analytics playground</title>
<style>${STYLE}</style>
</head>
<body>
<div class="app">
  <header class="titlebar">
    <div class="logo" aria-hidden="true"></div>
    <span class="book-name" id="book-name">Spreadsheet</span>
    <span class="badge">local playground: Apps Script emulation + WeChat simulator</span>
  </header>
  <nav class="menubar" id="menubar" aria-label="Spreadsheet menus"></nav>
  <div class="workspace">
    <section class="sheet-area" aria-label="Sheet">
      <div class="grid-wrap"><table id="grid"></table><div class="grid-more" id="grid-more"></div></div>
      <div class="tabs" id="tabs" aria-label="Sheets"></div>
    </section>
    <aside class="sidebar-panel" id="sidebar-panel" hidden aria-label="Add-on sidebar">
      <div class="sidebar-head"><span id="sidebar-title"></span><button type="button" id="sidebar-close" aria-label="Close sidebar">×</button></div>
      <iframe id="sidebar-frame" title="WeChat Analytics sidebar"></iframe>
    </aside>
  </div>
  <footer class="status" id="status"></footer>
</div>
<script src="${CHART_LIBRARY}"></script>
<script>${inline(playgroundPage)}</script>
</body>
</html>`;
}
