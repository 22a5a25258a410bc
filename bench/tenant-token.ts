import type { Pool } from 'undici';
import type { RunningSimulator } from '../src/simulator/options.ts';

/** A Management API token from the simulator, for benches that call it directly as the graph's baseline. */
export async function tokenFor(sim: RunningSimulator, pool: Pool): Promise<string> {
  const response = await pool.request({
    method: 'POST',
    path: '/oauth/token',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: sim.credentials.clientId, client_secret: sim.credentials.clientSecret, audience: `https://${sim.domain}/api/v2/` }),
  });
  return ((await response.body.json()) as { access_token: string }).access_token;
}
