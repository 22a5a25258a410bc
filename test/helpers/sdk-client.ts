import { ManagementClient } from 'auth0';
import type { RunningSimulator } from '../../src/simulator/index.ts';

/**
 * The official SDK pointed at a simulator: it always builds `https://{domain}`, so its fetch sends those calls to
 * the simulator's URL instead. With a token it uses that; without, the simulator's reporting app's credentials.
 */
export function sdkClient(sim: Pick<RunningSimulator, 'url' | 'domain' | 'credentials'>, options: { token?: string } = {}): ManagementClient {
  const toSimulator: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const target = url.replace(`https://${sim.domain}`, sim.url);
    return input instanceof Request ? fetch(new Request(target, input), init) : fetch(target, init);
  };
  const common = { domain: sim.domain, fetch: toSimulator, telemetry: false };
  return options.token === undefined
    ? new ManagementClient({ ...common, clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret })
    : new ManagementClient({ ...common, token: options.token });
}
