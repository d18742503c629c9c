/**
 * A faithful fake of the WeChat access-token and datacube APIs over HTTP on loopback (shared/wechat-api.md).
 * Errors are HTTP 200 with `{errcode, errmsg}`; successes are `{"list": [...]}` without errcode. It is an
 * independent model of WeChat: it must not import anything from src/.
 *
 * Control API (JSON, only under /__sim/): GET log, POST reset, GET|POST faults, GET|POST clock,
 * GET|POST accounts, GET|POST config, GET served, GET stats.
 *
 * Modules: types (public shapes), config (parsing control/config input), clock, accounts (per-account state),
 * wire (hosts, messages, exchanges), core (shared state and reply building), tokens, datacube, server.
 */
import { WeChatSimulator } from './server';
import type { Simulator, SimulatorOptions } from './types';

export { parseAccount, parseClockSetting, parseFaults, parseSettings, parseSimulatorConfig } from './config';
export type { JsonObject, JsonValue } from './data';
export * from './types';

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  return new WeChatSimulator(options);
}
