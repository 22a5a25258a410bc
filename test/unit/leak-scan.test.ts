import { describe, expect, it } from 'vitest';
import { createPrng } from '../../src/simulator/prng.ts';
import { seedSecret } from '../../src/simulator/seed/secrets.ts';
import { describeLeaks, findLeaks } from '../helpers/leak-scan.ts';

const prng = createPrng(7);
const clientSecret = seedSecret(prng, 'client.client_secret', 64);
const refreshToken = seedSecret(prng, 'user.identities.refresh_token', 40);
const where = { file: 'test/integration/x.test.ts', test: 'lists clients' };

describe('the secret guard scan', () => {
  it('finds nothing in clean answers and logs', () => {
    expect(findLeaks([{ source: 'graphql', ...where, text: '{"data":{"clients":[{"clientId":"abc"}]}}' }, { source: 'log', ...where, text: '{"msg":"ok"}' }])).toEqual([]);
  });

  it('names the kind and where it was found, counting repeats, and never prints the secret', () => {
    const findings = findLeaks([
      { source: 'graphql', ...where, text: JSON.stringify({ data: { secret: clientSecret } }) },
      { source: 'graphql', ...where, text: JSON.stringify({ data: { again: clientSecret } }) },
      { source: 'log', ...where, text: JSON.stringify({ msg: `token ${refreshToken}` }) },
      { source: 'upstream', ...where, route: '/clients', kinds: ['client.signing_keys.cert'] },
    ]);
    expect(findings).toEqual([
      { kind: 'client.client_secret', source: 'graphql', where: 'test/integration/x.test.ts > lists clients', count: 2 },
      { kind: 'user.identities.refresh_token', source: 'log', where: 'test/integration/x.test.ts > lists clients', count: 1 },
      { kind: 'client.signing_keys.cert', source: 'upstream', where: 'test/integration/x.test.ts > lists clients (/clients)', count: 1 },
    ]);
    const report = describeLeaks(findings);
    expect(report).toContain('client.client_secret in a GraphQL response ×2');
    expect(report).not.toContain(clientSecret);
    expect(report).not.toContain(refreshToken);
  });
});
