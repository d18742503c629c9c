/** The Charts service as a Sheets add-on uses it: the enums its embedded charts take. */
import type { Env } from '../env';

export function createCharts(env: Env) {
  const { enums } = env.state;
  return {
    ChartType: enums.ChartType,
    ChartMergeStrategy: enums.ChartMergeStrategy,
    ChartHiddenDimensionStrategy: enums.ChartHiddenDimensionStrategy,
  };
}
