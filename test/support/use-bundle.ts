/**
 * The bundle-test set-up shared by the test files under test/bundle: the simulator at noon in Beijing, the built
 * add-on loaded in the emulation against it, and a direct account saved; both closed after the block's last test.
 */
import { type Addon, type AddonOptions, loadAddon, NOON_BEIJING, saveDirectAccount, startSimulatorAt } from './addon';
import type { SimulatorProcess } from './simulator-process';

export interface BundleFixture {
  readonly simulator: SimulatorProcess;
  readonly addon: Addon;
  /** The direct account (CHINA_ACCOUNT, named "Main account") saved before the first test. */
  readonly accountId: string;
}

/** Call it at the top of a describe block (or file); its beforeAll runs before the block's own. */
export function useBundle(options: AddonOptions = {}): BundleFixture {
  let started: BundleFixture | undefined;
  let simulator: SimulatorProcess | undefined;
  let addon: Addon | undefined;
  beforeAll(async () => {
    simulator = await startSimulatorAt(NOON_BEIJING);
    addon = loadAddon(simulator, options);
    started = { simulator, addon, accountId: saveDirectAccount(addon) };
  });
  afterAll(async () => {
    addon?.dispose();
    await simulator?.close();
  });
  const ready = (): BundleFixture => {
    if (!started) throw new Error('the bundle is not loaded: use the fixture inside a test or a hook');
    return started;
  };
  return {
    get simulator() {
      return ready().simulator;
    },
    get addon() {
      return ready().addon;
    },
    get accountId() {
      return ready().accountId;
    },
  };
}
