/** Child-process roles: one scenario, or one share of the naive backfill. */
import { reportResult } from './child';
import { type NaiveChildConfig, naiveChild } from './naive';
import { backfillScenario } from './scenarios/backfill';
import type { ScenarioConfig } from './scenarios/common';
import { dailyScenario } from './scenarios/daily';
import { mergeScenario } from './scenarios/merge';
import { severalScenario } from './scenarios/several';
import { tickScenario } from './scenarios/tick';

const ROLES: Record<string, (config: never) => Promise<unknown> | unknown> = {
  backfill: (config: ScenarioConfig) => backfillScenario(config),
  daily: (config: ScenarioConfig) => dailyScenario(config),
  merge: (config: ScenarioConfig) => mergeScenario(config),
  tick: (config: ScenarioConfig) => tickScenario(config),
  several: (config: ScenarioConfig) => severalScenario(config),
  naive: (config: NaiveChildConfig) => naiveChild(config),
};

export async function runRole(role: string, configJson: string): Promise<void> {
  const run = ROLES[role];
  if (!run) throw new Error(`unknown bench child role "${role}"`);
  reportResult(await run(JSON.parse(configJson) as never));
}
