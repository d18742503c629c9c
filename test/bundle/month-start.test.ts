/** A "This month" DataSet on the 1st of a month, through the bundle: the month just ended comes in, nothing fails. */
import { type Addon, CHINA_ACCOUNT, loadAddon, saveDirectAccount, startSimulatorAt, succeeded } from '../support/addon';
import type { SimulatorProcess } from '../support/simulator-process';

/** 2026-12-01 12:00 in Beijing. */
const FIRST_OF_DECEMBER = Date.UTC(2026, 11, 1, 4, 0, 0);

describe('This month on the 1st', () => {
  let simulator: SimulatorProcess;
  let addon: Addon;

  beforeAll(async () => {
    simulator = await startSimulatorAt(FIRST_OF_DECEMBER, [CHINA_ACCOUNT]);
    addon = loadAddon(simulator, { nowMs: FIRST_OF_DECEMBER, timeoutMs: 600 });
  });

  afterAll(async () => {
    addon?.dispose();
    await simulator?.close();
  });

  it('fetches the final days of the month just ended and succeeds', () => {
    const accountId = saveDirectAccount(addon);
    const saved = succeeded(
      addon.call('saveDataSet', {
        name: 'Month to date',
        accountId,
        reportId: 'user_cumulate',
        dates: { mode: 'preset', preset: 'thisMonth' },
        updateMethod: 'append',
      }),
    );
    const outcome = addon.call('runDataSet', saved.dataSet.id);
    expect(outcome).toEqual(
      expect.objectContaining({ ok: true, status: 'success', start: '2026-11-01', end: '2026-11-30', rows: 30 }),
    );
    const values = addon.emu.spreadsheet.sheet('Month to date').displayValues();
    expect(values[30]![0]).toBe('2026-11-30');
  });
});
