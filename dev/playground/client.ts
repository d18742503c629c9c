/**
 * Browser code of the playground, written as self-contained functions: page.ts inlines them with
 * Function.prototype.toString, so they must not use anything from outside their own body.
 */
import type { ChartSnapshot } from '../gas/spreadsheet/chart-inspect';

/** The spreadsheet view: menu bar with the add-on's menus, grid of the active sheet, tabs, sidebar panel. */
export function playgroundPage(): void {
  interface MenuItem {
    caption?: string;
    functionName?: string;
    separator?: true;
  }
  interface Menu {
    caption: string;
    addon: boolean;
    items: MenuItem[];
  }
  /** An embedded chart as the emulation holds it (a type only: erased before the function is inlined). */
  type SheetChart = ChartSnapshot;
  interface ChartInstance {
    destroy(): void;
  }
  type ChartConstructor = new (canvas: HTMLCanvasElement, config: unknown) => ChartInstance;
  interface PlaygroundState {
    spreadsheet: {
      name: string;
      timeZone: string;
      sheets: string[];
      active: {
        name: string;
        frozenRows: number;
        lastRow: number;
        lastColumn: number;
        rows: string[][];
        boldRows: number[];
        charts: SheetChart[];
      };
    };
    menus: Menu[];
    sidebar: { count: number; title: string; open: boolean };
    info: { simulator: string; demoAppId: string; clock: string };
  }

  const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const menubar = byId<HTMLElement>('menubar');
  const grid = byId<HTMLTableElement>('grid');
  const tabs = byId<HTMLElement>('tabs');
  const panel = byId<HTMLElement>('sidebar-panel');
  const frame = byId<HTMLIFrameElement>('sidebar-frame');
  const sidebarTitle = byId<HTMLElement>('sidebar-title');
  let shownSidebar = 0;
  let refreshTimer: number | undefined;

  function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function post(url: string, body: unknown): Promise<void> {
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  function columnLetters(column: number): string {
    let letters = '';
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
      letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    return letters;
  }

  function closeMenus(): void {
    for (const open of Array.from(menubar.querySelectorAll('[aria-expanded="true"]'))) {
      open.setAttribute('aria-expanded', 'false');
      (open.nextElementSibling as HTMLElement).hidden = true;
    }
  }

  let drawnMenus = '';

  /** Redrawn only when onOpen changed them, so a refresh never closes a menu the user is in. */
  function drawMenus(menus: Menu[]): void {
    const signature = JSON.stringify(menus);
    if (signature === drawnMenus) return;
    drawnMenus = signature;
    menubar.replaceChildren();
    for (const caption of ['File', 'Edit', 'View', 'Insert', 'Format', 'Data', 'Tools']) {
      menubar.append(element('span', 'menu-disabled', caption));
    }
    const addonMenus = menus.filter((menu) => menu.addon);
    const own = menus.filter((menu) => !menu.addon);
    if (addonMenus.length > 0) {
      drawMenu(
        'Extensions',
        addonMenus.flatMap((menu) => menu.items),
        'menu-extensions',
      );
    } else {
      menubar.append(element('span', 'menu-disabled', 'Extensions'));
    }
    for (const [index, menu] of own.entries()) drawMenu(menu.caption, menu.items, `menu-${index}`);
  }

  function drawMenu(caption: string, items: MenuItem[], id: string): void {
    const wrapper = element('div', 'menu');
    const trigger = element('button', 'menu-trigger', caption);
    trigger.id = id;
    trigger.type = 'button';
    trigger.setAttribute('aria-haspopup', 'menu');
    trigger.setAttribute('aria-expanded', 'false');
    const list = element('ul', 'menu-list');
    list.setAttribute('role', 'menu');
    list.setAttribute('aria-labelledby', id);
    list.hidden = true;
    for (const item of items) {
      const entry = element('li');
      entry.setAttribute('role', item.separator ? 'separator' : 'none');
      if (!item.separator) {
        const button = element('button', 'menu-item', item.caption);
        button.type = 'button';
        button.setAttribute('role', 'menuitem');
        button.dataset.function = item.functionName;
        button.addEventListener('click', () => {
          closeMenus();
          void post('/api/menu', { functionName: item.functionName }).then(refresh);
        });
        entry.append(button);
      }
      list.append(entry);
    }
    trigger.addEventListener('click', (event) => {
      event.stopPropagation();
      const opening = trigger.getAttribute('aria-expanded') !== 'true';
      closeMenus();
      if (!opening) return;
      trigger.setAttribute('aria-expanded', 'true');
      list.hidden = false;
      list.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    });
    list.addEventListener('keydown', (event) => {
      const items = Array.from(list.querySelectorAll<HTMLElement>('[role="menuitem"]'));
      const index = items.indexOf(document.activeElement as HTMLElement);
      if (event.key === 'ArrowDown') items[(index + 1) % items.length]?.focus();
      else if (event.key === 'ArrowUp') items[(index - 1 + items.length) % items.length]?.focus();
      else if (event.key === 'Escape') {
        closeMenus();
        trigger.focus();
      } else return;
      event.preventDefault();
    });
    wrapper.append(trigger, list);
    menubar.append(wrapper);
  }

  function drawGrid(sheet: PlaygroundState['spreadsheet']['active']): void {
    grid.replaceChildren();
    grid.dataset.sheet = sheet.name;
    const columns = Math.max(sheet.lastColumn, 8);
    const shownRows = Math.max(sheet.rows.length, 30);
    const head = element('thead');
    const headRow = element('tr');
    headRow.append(element('th', 'corner'));
    for (let column = 1; column <= columns; column++) headRow.append(element('th', 'column', columnLetters(column)));
    head.append(headRow);
    const body = element('tbody');
    for (let row = 1; row <= shownRows; row++) {
      const tr = element('tr');
      if (sheet.boldRows.includes(row)) tr.className = 'bold';
      if (row <= sheet.frozenRows) tr.classList.add('frozen');
      tr.append(element('th', 'row', String(row)));
      for (let column = 1; column <= columns; column++) {
        const text = sheet.rows[row - 1]?.[column - 1] ?? '';
        const numeric = /^-?[\d,]+(\.\d+)?%?$/.test(text);
        // As in Sheets, text runs on over the empty cells to its right.
        const spills = !numeric && text !== '' && (sheet.rows[row - 1]?.[column] ?? '') === '';
        const cell = element('td', numeric ? 'number' : spills ? 'spill' : undefined, text);
        tr.append(cell);
      }
      body.append(tr);
    }
    grid.append(head, body);
    const more = byId<HTMLElement>('grid-more');
    more.textContent =
      sheet.lastRow > sheet.rows.length ? `Showing ${sheet.rows.length} of ${sheet.lastRow} rows.` : '';
  }

  let drawnCharts: ChartInstance[] = [];
  const PALETTE = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72'];

  /** A range's cells as Sheets reads them for a chart: the first row is the header (setNumHeaders(1)). */
  function columnsOf(range: string[][]): Array<{ header: string; values: string[] }> {
    const width = range[0]?.length ?? 0;
    return Array.from({ length: width }, (_, column) => ({
      header: range[0]?.[column] ?? '',
      values: range.slice(1).map((row) => row[column] ?? ''),
    }));
  }

  const toNumber = (text: string): number | null => {
    const cleaned = text.replace(/[,%\s]/g, '');
    return cleaned === '' || Number.isNaN(Number(cleaned)) ? null : Number(cleaned);
  };

  /** Chart.js config for a Sheets chart: the first range is the domain, each column of the others a series. */
  function chartConfig(chart: SheetChart): unknown {
    const [domain, ...seriesRanges] = chart.data;
    const labels = domain ? (columnsOf(domain)[0]?.values ?? []) : [];
    const series = seriesRanges.flatMap(columnsOf);
    const stacked = chart.options.isStacked === true;
    const horizontal = chart.type === 'BAR';
    const legend = String(chart.options['legend.position'] ?? 'right');
    return {
      type: chart.type === 'LINE' ? 'line' : 'bar',
      data: {
        labels,
        datasets: series.map((column, index) => ({
          label: column.header,
          data: column.values.map(toNumber),
          backgroundColor: PALETTE[index % PALETTE.length],
          borderColor: PALETTE[index % PALETTE.length],
          pointRadius: 0,
          spanGaps: true,
        })),
      },
      options: {
        animation: false,
        responsive: false,
        indexAxis: horizontal ? 'y' : 'x',
        plugins: {
          title: { display: Boolean(chart.options.title), text: String(chart.options.title ?? '') },
          legend: { display: legend !== 'none', position: legend },
        },
        scales: { x: { stacked }, y: { stacked } },
      },
    };
  }

  /** Draws each chart over its anchor cell, offset as setPosition says, at its width and height. */
  function drawCharts(charts: SheetChart[]): void {
    for (const chart of drawnCharts) chart.destroy();
    drawnCharts = [];
    for (const old of Array.from(document.querySelectorAll('.sheet-chart'))) old.remove();
    grid.classList.toggle('with-charts', charts.length > 0);
    const Chart = (window as unknown as { Chart?: ChartConstructor }).Chart;
    const wrap = grid.parentElement as HTMLElement;
    for (const chart of charts) {
      const anchor = grid.querySelector<HTMLElement>(
        `tbody tr:nth-child(${chart.anchorRow}) td:nth-of-type(${chart.anchorColumn})`,
      );
      const box = element('div', 'sheet-chart');
      box.dataset.chartId = String(chart.id);
      box.dataset.type = chart.type;
      box.style.left = `${(anchor?.offsetLeft ?? 0) + chart.offsetX}px`;
      box.style.top = `${(anchor?.offsetTop ?? 0) + chart.offsetY}px`;
      const canvas = element('canvas');
      canvas.width = chart.width;
      canvas.height = chart.height;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', String(chart.options.title ?? chart.type));
      box.append(canvas);
      wrap.append(box);
      if (!Chart) continue;
      drawnCharts.push(new Chart(canvas, chartConfig(chart)));
      box.dataset.rendered = 'true';
    }
  }

  function drawTabs(sheets: string[], active: string): void {
    tabs.replaceChildren();
    for (const name of sheets) {
      const tab = element('button', name === active ? 'sheet-tab current' : 'sheet-tab', name);
      tab.type = 'button';
      tab.setAttribute('aria-pressed', String(name === active));
      tab.addEventListener('click', () => void post('/api/activate', { name }).then(refresh));
      tabs.append(tab);
    }
  }

  function drawSidebar(sidebar: PlaygroundState['sidebar']): void {
    panel.hidden = !sidebar.open;
    sidebarTitle.textContent = sidebar.title;
    if (sidebar.open && sidebar.count !== shownSidebar) {
      shownSidebar = sidebar.count;
      frame.src = `/sidebar/${sidebar.count}`;
    }
  }

  async function refresh(): Promise<void> {
    const response = await fetch('/api/state');
    const state = (await response.json()) as PlaygroundState;
    byId<HTMLElement>('book-name').textContent = state.spreadsheet.name;
    byId<HTMLElement>('status').textContent =
      `WeChat simulator ${state.info.simulator} · demo App ID ${state.info.demoAppId} · clock: ${state.info.clock} · ` +
      `time zone ${state.spreadsheet.timeZone}`;
    drawMenus(state.menus);
    drawGrid(state.spreadsheet.active);
    drawCharts(state.spreadsheet.active.charts);
    drawTabs(state.spreadsheet.sheets, state.spreadsheet.active.name);
    drawSidebar(state.sidebar);
    document.body.dataset.refreshed = String(Date.now());
  }

  window.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    if (event.origin !== location.origin) return;
    if (event.data?.type === 'playground:called') {
      window.clearTimeout(refreshTimer);
      refreshTimer = window.setTimeout(() => void refresh(), 50);
    }
    if (event.data?.type === 'playground:close') void post('/api/sidebar/close', {}).then(refresh);
  });
  byId<HTMLButtonElement>('sidebar-close').addEventListener('click', () => {
    void post('/api/sidebar/close', {}).then(refresh);
  });
  document.addEventListener('click', closeMenus);
  void refresh();
}

/**
 * google.script.run for the sidebar in the playground: each call POSTs { fn, args } to the playground, which
 * runs the function in the emulation. Arguments are checked as Apps Script checks them.
 */
export function sidebarShim(): void {
  type Handler = (value: unknown, userObject?: unknown) => void;

  function illegal(value: unknown, seen: Set<unknown>): boolean {
    if (typeof value === 'function' || value instanceof Date || value instanceof Node) return true;
    if (value === null || typeof value !== 'object') return false;
    if (seen.has(value)) return true;
    seen.add(value);
    return Object.values(value).some((child) => illegal(child, seen));
  }

  function notifyParent(type: string): void {
    if (window.parent !== window) window.parent.postMessage({ type }, location.origin);
  }

  function runner(success?: Handler, failure?: Handler, userObject?: unknown): object {
    return new Proxy(
      {},
      {
        get(_target, name) {
          if (name === 'withSuccessHandler') return (handler: Handler) => runner(handler, failure, userObject);
          if (name === 'withFailureHandler') return (handler: Handler) => runner(success, handler, userObject);
          if (name === 'withUserObject') return (value: unknown) => runner(success, failure, value);
          if (typeof name !== 'string') return undefined;
          return (...args: unknown[]) => {
            args.forEach((arg, index) => {
              if (illegal(arg, new Set())) throw new Error(`Failed due to illegal value in property: ${index}`);
            });
            const fail = (message: string) => {
              const error = new Error(message);
              if (failure) failure(error, userObject);
              else console.error(error);
            };
            fetch('/api/run', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ fn: name, args }),
            })
              .then((response) => response.json() as Promise<{ ok: boolean; value?: unknown; error?: string }>)
              .then(
                (reply) => {
                  notifyParent('playground:called');
                  if (reply.ok) success?.(reply.value, userObject);
                  else fail(reply.error ?? 'Unknown error');
                },
                (error: unknown) => fail(`NetworkError: ${String(error)}`),
              );
          };
        },
      },
    );
  }

  const host = {
    close: () => notifyParent('playground:close'),
    setHeight: () => undefined,
    setWidth: () => undefined,
    editor: { focus: () => undefined },
  };
  (window as unknown as { google: unknown }).google = { script: { run: runner(), host } };
}
