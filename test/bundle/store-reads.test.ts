/**
 * How often one execution reads the document properties (each read is a PropertiesService call): a run reads the
 * whole store once, under the lock that claims its DataSet (leases included), and its config, state, account and
 * unfinished run come from that read. The other reads are the ones that must be fresh: the cached token (read
 * again under the lock when it must be fetched), and the account's call count (other executions add to it).
 */
import { type Addon, saveRangeDataSet } from '../support/addon';
import { useBundle } from '../support/use-bundle';

function propertyReads(addon: Addon): { getProperty: number; getProperties: number; getKeys: number } {
  return {
    getProperty: addon.emu.calls.count('Properties.getProperty'),
    getProperties: addon.emu.calls.count('Properties.getProperties'),
    getKeys: addon.emu.calls.count('Properties.getKeys'),
  };
}

describe('document property reads of one execution', () => {
  const bundle = useBundle();

  it('a manual run reads the store once, plus the token (twice when it is fetched) and the call count', () => {
    const id = saveRangeDataSet(bundle.addon, bundle.accountId, 'user_summary', '2026-11-01', '2026-11-27', {
      name: 'Manual',
    });
    bundle.addon.emu.calls.reset();
    const outcome = bundle.addon.call('runDataSet', id);
    expect(outcome).toEqual(expect.objectContaining({ status: 'success', calls: 4 }));
    // Before one read served the run: 12 single reads and 1 whole-store read; then 4 and 1 (the lease read twice).
    expect(propertyReads(bundle.addon)).toEqual({ getProperty: 3, getProperties: 1, getKeys: 0 });
  });

  it('a tick running three DataSets of one account reads the store once for all three', () => {
    for (const name of ['B', 'C', 'D'])
      saveRangeDataSet(bundle.addon, bundle.accountId, 'user_summary', '2026-11-01', '2026-11-27', {
        name,
        schedule: { kind: 'daily', hour: 9 },
      });
    bundle.addon.clock.advance(24 * 3600_000);
    bundle.addon.emu.calls.reset();
    const tick = bundle.addon.call('onScheduledTick');
    expect(tick.ran.map((run) => run.status)).toEqual(['success', 'success', 'success']);
    // One whole-store read finds the due work, one (under the lock that claims them) serves the three runs; single
    // reads: the token (twice: a day later it is fetched again), the account's call count, and the schedule's owner
    // and last tick after the tick.
    // Before: 28 single reads and 4 whole-store reads; then 11 and 2 (a lease read per DataSet, the zone).
    expect(propertyReads(bundle.addon)).toEqual({ getProperty: 5, getProperties: 2, getKeys: 0 });
  });
});
