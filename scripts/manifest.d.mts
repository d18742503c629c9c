// Types of scripts/manifest.mjs, for the tests that import it.
export declare const CONFIG_FILE: string;
export declare const DEPLOYMENT_GLOBAL: string;
export declare class AddonConfigError extends Error {}
export interface AddonConfig {
  file: string;
  relayUrls: string[];
}
export interface Manifest {
  urlFetchWhitelist?: string[];
  [field: string]: unknown;
}
export declare function prefixProblem(prefix: unknown): string | undefined;
export declare function readAddonConfig(root: string, configPath?: string): AddonConfig;
export declare function manifestWithRelays<M extends Manifest>(manifest: M, relayUrls: readonly string[]): M;
export declare function deploymentPrelude(relayUrls: readonly string[]): string;
export declare function applyDeployConfig(root: string, configPath?: string): AddonConfig;
export declare function withPrelude(code: string, relayUrls: readonly string[]): string;
