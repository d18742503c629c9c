import { planWindows } from '../../../src/dates';
import { decodeWindows, encodeWindows } from '../../../src/refresh/job';

describe('window segments', () => {
  it('keeps a two-year hourly backfill in one segment', () => {
    const windows = planWindows('2024-11-28', '2026-11-27', 1);
    expect(windows).toHaveLength(730);
    const segments = encodeWindows(windows);
    expect(segments).toEqual([{ from: '2024-11-28', to: '2026-11-27', span: 1 }]);
    expect(decodeWindows(segments)).toEqual(windows);
  });

  it('round-trips planned windows with a short last one', () => {
    const windows = planWindows('2026-01-01', '2026-03-03', 7);
    expect(encodeWindows(windows)).toHaveLength(1);
    expect(decodeWindows(encodeWindows(windows))).toEqual(windows);
  });

  it('round-trips halved windows followed by the rest of the plan', () => {
    const windows = [
      { begin: '2026-01-01', end: '2026-01-04' },
      { begin: '2026-01-05', end: '2026-01-07' },
      { begin: '2026-01-08', end: '2026-01-14' },
      { begin: '2026-01-15', end: '2026-01-21' },
      { begin: '2026-01-22', end: '2026-01-23' },
    ];
    expect(decodeWindows(encodeWindows(windows))).toEqual(windows);
  });

  it('is empty for no windows', () => {
    expect(encodeWindows([])).toEqual([]);
    expect(decodeWindows([])).toEqual([]);
  });
});
