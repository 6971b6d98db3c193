import type { HostResolver, ResolvedAddress } from '@app/notifications';

/**
 * A DNS resolver for the outbound-address guard that answers from a table and
 * never asks the network, so tests can feed private or metadata addresses for a
 * host name without any packet leaving the machine. Unknown names fail like
 * NXDOMAIN. `calls` records every name asked.
 */
export interface StubHostResolver {
  resolve: HostResolver;
  calls: string[];
  /** Answers for a name: one list, or a list per successive call (to play DNS rebinding). */
  set(hostname: string, ...answers: string[][]): void;
}

export function stubHostResolver(table: Record<string, string[]> = {}): StubHostResolver {
  const answers = new Map<string, string[][]>(Object.entries(table).map(([name, addresses]) => [name, [addresses]]));
  const calls: string[] = [];
  return {
    calls,
    set(hostname, ...lists) {
      answers.set(hostname, lists);
    },
    resolve: async (hostname) => {
      calls.push(hostname);
      const lists = answers.get(hostname);
      if (!lists) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      const list = lists.length > 1 ? lists.shift()! : lists[0];
      return list.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
}
