/** The relay's programmatic API (tests and embedding); the command line is server.ts. */
export { generateKey, keyWeakness } from './auth';
export {
  type AccountType,
  ConfigError,
  loadRelayConfig,
  parseRelayConfig,
  type RelayConfig,
  type RelayConfigInput,
} from './config';
export { RelayErrorCode } from './errors';
export { type RelayOptions, type RunningRelay, serveRelay, startRelay } from './relay';
