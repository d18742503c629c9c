/** The control API (JSON under /__sim/): log, reset, faults, clock, accounts, config, served, stats. */
import type { ServerResponse } from 'node:http';
import {
  asRecord,
  fieldOf,
  InputError,
  logFilterFrom,
  parseAccountsBody,
  parseClockSetting,
  parseFaults,
  parseSettings,
  requiredString,
} from './config';
import type { Simulator } from './types';
import { CONTROL_PREFIX } from './wire';

export function handleControl(sim: Simulator, method: string, url: URL, body: string, res: ServerResponse): void {
  let status = 200;
  let payload: unknown;
  try {
    payload = control(sim, method, url.pathname.slice(CONTROL_PREFIX.length), url.searchParams, body);
    if (payload === undefined) {
      status = 404;
      payload = { error: `no control route ${method} ${url.pathname}` };
    }
  } catch (error) {
    status = error instanceof InputError ? 400 : 500;
    payload = { error: error instanceof Error ? error.message : String(error) };
  }
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function controlBody(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new InputError('body is not JSON');
  }
}

/** Returns the JSON answer, or undefined for an unknown route. */
function control(sim: Simulator, method: string, route: string, query: URLSearchParams, text: string): unknown {
  switch (`${method} ${route}`) {
    case 'GET log':
      return { entries: sim.log(logFilterFrom(query)) };
    case 'POST reset':
      sim.reset();
      return { ok: true };
    case 'GET faults':
      return { appid: query.get('appid'), faults: sim.faults(query.get('appid') ?? '') };
    case 'POST faults': {
      const body = asRecord(controlBody(text), 'body');
      const appid = requiredString(body, 'appid');
      sim.setFaults(appid, parseFaults(fieldOf(body, 'faults') ?? {}));
      return { appid, faults: sim.faults(appid) };
    }
    case 'GET clock':
      return sim.clock();
    case 'POST clock':
      return sim.setClock(parseClockSetting(controlBody(text)));
    case 'GET accounts':
      return { accounts: sim.accounts() };
    case 'POST accounts':
      return { accounts: sim.upsertAccounts(parseAccountsBody(controlBody(text))) };
    case 'GET config':
      return sim.settings();
    case 'POST config':
      return sim.configure(parseSettings(controlBody(text)));
    case 'GET served':
      return { items: sim.servedItems(query.get('appid') ?? '', query.get('endpoint') ?? '') };
    case 'GET stats':
      return sim.stats();
    default:
      return undefined;
  }
}
