/** Where a request really goes: emulated hosts are served from a local origin, with the original Host header. */

export interface Route {
  target: URL;
  /** Set when the URL was rewritten: the Host header the server should see. */
  hostHeader?: string;
}

function joinPath(base: URL, url: URL): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${url.pathname}${url.search}`;
}

export function routeFor(url: URL, hosts: Readonly<Record<string, string>>): Route {
  const origin = hosts[url.host] ?? hosts[url.hostname];
  if (origin === undefined) return { target: url };
  return { target: new URL(joinPath(new URL(origin), url)), hostHeader: url.host };
}

export function isUnreachable(url: URL, unreachableHosts: readonly string[]): boolean {
  return unreachableHosts.includes(url.host) || unreachableHosts.includes(url.hostname);
}

export function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}
