/**
 * The add-on's server functions as the built bundle exposes them (src/main.ts's exports, typed by the contract in
 * src/api/types.ts and src/ui/contract.ts), for the tools and tests that call them through the emulation.
 */
import type * as main from '../src/main';

export type EntryPoints = typeof main;
export type EntryName = keyof EntryPoints;

/** Calls a server function by name, with its own parameters and result. */
export type CallEntry = <K extends EntryName>(
  name: K,
  ...args: Parameters<EntryPoints[K]>
) => ReturnType<EntryPoints[K]>;
