import { createEmulation, type Emulation, virtualClock } from '../../dev/gas';

const START = Date.UTC(2026, 10, 27, 2, 0, 0);
const open: Emulation[] = [];
function emulate(): Emulation {
  const emulation = createEmulation({ clock: virtualClock(START) });
  open.push(emulation);
  return emulation;
}
afterEach(() => {
  for (const emulation of open.splice(0)) emulation.dispose();
});

const SETUP = `
  function sheets() {
    const book = SpreadsheetApp.getActiveSpreadsheet();
    const data = book.getSheetByName('Data') || book.insertSheet('Data');
    data.getRange('A1:C4').setValues([['Day', 'New', 'Gone'], ['d1', 5, 1], ['d2', 7, 2], ['d3', 4, 0]]);
    return { book, data, board: book.getSheetByName('Board') || book.insertSheet('Board') };
  }
  function line(sheet, data, row) {
    return sheet.newChart()
      .setChartType(Charts.ChartType.LINE)
      .addRange(data.getRange('A1:A4'))
      .addRange(data.getRange('B1:C4'))
      .setNumHeaders(1)
      .setPosition(row, 2, 10, 5)
      .setOption('title', 'Growth')
      .setOption('width', 480)
      .build();
  }
`;

describe('embedded charts', () => {
  it('inserts a chart over ranges of another sheet, with its type, position and options', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(`${SETUP}
      function make() {
        const { data, board } = sheets();
        const chart = line(board, data, 3);
        const before = chart.getChartId();
        board.insertChart(chart);
        const stored = board.getCharts()[0];
        const info = stored.getContainerInfo();
        return [before, typeof stored.getChartId(), String(stored.modify().getChartType()),
          info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY(),
          stored.getOptions().get('title'), stored.getRanges().length, stored.getNumHeaders()];
      }`);
    expect(ctx.call('make')).toEqual([null, 'number', 'LINE', 3, 2, 10, 5, 'Growth', 2, 1]);
    const [chart] = emu.spreadsheet.sheet('Board').charts();
    expect(chart).toMatchObject({
      type: 'LINE',
      ranges: ['Data!A1:A4', 'Data!B1:C4'],
      anchorRow: 3,
      anchorColumn: 2,
      width: 480,
      height: 371,
    });
    expect(chart!.data[1]).toEqual([
      ['New', 'Gone'],
      ['5', '1'],
      ['7', '2'],
      ['4', '0'],
    ]);
    expect(emu.calls.count('Sheet.insertChart')).toBe(1);
    expect(emu.calls.count('EmbeddedChartBuilder.setOption')).toBe(2);
  });

  it('updates a chart in place through modify() and updateChart, keeping its id', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(`${SETUP}
      function run() {
        const { data, board } = sheets();
        board.insertChart(line(board, data, 3));
        const chart = board.getCharts()[0];
        const id = chart.getChartId();
        board.updateChart(chart.modify().clearRanges().addRange(data.getRange('A1:B4'))
          .setChartType(Charts.ChartType.COLUMN).setPosition(20, 1, 0, 0).build());
        const after = board.getCharts();
        return [after.length, after[0].getChartId() === id];
      }`);
    expect(ctx.call('run')).toEqual([1, true]);
    expect(emu.spreadsheet.sheet('Board').charts()[0]).toMatchObject({
      type: 'COLUMN',
      ranges: ['Data!A1:B4'],
      anchorRow: 20,
    });
  });

  it('keeps a built chart out of the sheet until it is inserted, and a modified one until updateChart', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(`${SETUP}
      function run() {
        const { data, board } = sheets();
        line(board, data, 3);
        const empty = board.getCharts().length;
        board.insertChart(line(board, data, 3));
        board.getCharts()[0].modify().setPosition(30, 1, 0, 0).build();
        return [empty, board.getCharts()[0].getContainerInfo().getAnchorRow()];
      }`);
    expect(ctx.call('run')).toEqual([0, 3]);
  });

  it('removes a chart, and refuses to update or remove one that is not on the sheet', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(`${SETUP}
      let removed;
      function setup() {
        const { data, board } = sheets();
        board.insertChart(line(board, data, 3));
        removed = board.getCharts()[0];
        board.removeChart(removed);
        return board.getCharts().length;
      }
      function update() { SpreadsheetApp.getActive().getSheetByName('Board').updateChart(removed); }
      function remove() { SpreadsheetApp.getActive().getSheetByName('Board').removeChart(removed); }
      function insertTwice() {
        const board = SpreadsheetApp.getActive().getSheetByName('Board');
        const data = SpreadsheetApp.getActive().getSheetByName('Data');
        board.insertChart(line(board, data, 3));
        board.insertChart(board.getCharts()[0]);
      }`);
    expect(ctx.call('setup')).toBe(0);
    expect(() => ctx.call('update')).toThrow('The chart to update is not on this sheet');
    expect(() => ctx.call('remove')).toThrow('The chart to remove is not on this sheet');
    expect(() => ctx.call('insertTwice')).toThrow('This chart is already in the spreadsheet');
  });

  it('checks argument types and the anchor as Apps Script does', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(`${SETUP}
      function badType() { sheets().board.newChart().setChartType('LINE'); }
      function badRange() { sheets().board.newChart().addRange('A1:B2'); }
      function badPosition() { sheets().board.newChart().setPosition(1, 1, 0); }
      function outside() {
        const { data, board } = sheets();
        board.insertChart(board.newChart().setChartType(Charts.ChartType.BAR).addRange(data.getRange('A1:B2'))
          .setPosition(1001, 1, 0, 0).build());
      }
      function negative() {
        const { data, board } = sheets();
        board.insertChart(line(board, data, 1).modify().setPosition(1, 1, -4, 0).build());
      }
      function untyped() {
        const { data, board } = sheets();
        board.insertChart(board.newChart().addRange(data.getRange('A1:B2')).build());
      }`);
    expect(() => ctx.call('badType')).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.setChartType.",
    );
    expect(() => ctx.call('badRange')).toThrow(
      "The parameters (String) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.addRange.",
    );
    expect(() => ctx.call('badPosition')).toThrow('SpreadsheetApp.EmbeddedChartBuilder.setPosition');
    expect(() => ctx.call('outside')).toThrow('outside the dimensions of the sheet');
    expect(() => ctx.call('negative')).toThrow('offsets must be zero or more');
    expect(() => ctx.call('untyped')).toThrow('no chart type');
  });

  it('drops the charts of a deleted sheet, and shows a range of a deleted sheet as #REF!', () => {
    const emu = emulate();
    const ctx = emu.loadBundle(`${SETUP}
      function run() {
        const { book, data, board } = sheets();
        board.insertChart(line(board, data, 3));
        data.insertChart(line(data, data, 8));
        book.deleteSheet(data);
      }`);
    ctx.call('run');
    const [chart] = emu.spreadsheet.sheet('Board').charts();
    expect(chart!.ranges).toEqual(['#REF!', '#REF!']);
    expect(emu.spreadsheet.hasSheet('Data')).toBe(false);
  });
});
