import { DIGITS, HEX, type Prng } from '../prng.ts';
import type { JsonObject, UserIdentity, UserRecord } from '../tenant.ts';
import { DAY_MS, iso } from './clock.ts';
import { EMAIL_DOMAINS, FAMILY_NAMES, GIVEN_NAMES, LOCALES, PLANS } from './names.ts';
import { seedSecret } from './secrets.ts';

interface IdentityKind {
  readonly connection: string;
  readonly provider: string;
  readonly isSocial: boolean;
  readonly weight: number;
}

/** Which connections seeded users come from, and how often. */
export const USER_CONNECTIONS: readonly IdentityKind[] = [
  { connection: 'Username-Password-Authentication', provider: 'auth0', isSocial: false, weight: 55 },
  { connection: 'google-oauth2', provider: 'google-oauth2', isSocial: true, weight: 20 },
  { connection: 'github', provider: 'github', isSocial: true, weight: 10 },
  { connection: 'acme-saml', provider: 'samlp', isSocial: false, weight: 8 },
  { connection: 'contoso-azure', provider: 'waad', isSocial: false, weight: 4 },
  { connection: 'email', provider: 'email', isSocial: false, weight: 3 },
];

const TOTAL_WEIGHT = USER_CONNECTIONS.reduce((sum, kind) => sum + kind.weight, 0);
const HISTORY_MS = 3 * 365 * DAY_MS;

function pickKind(prng: Prng): IdentityKind {
  let roll = prng.int(1, TOTAL_WEIGHT);
  for (const kind of USER_CONNECTIONS) {
    roll -= kind.weight;
    if (roll <= 0) return kind;
  }
  return USER_CONNECTIONS[0] as IdentityKind;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * `tokenPrng` draws the refresh tokens, which came after the tenant was first pinned: drawing them from the main
 * sequence would reshuffle every record after the first one.
 */
function identityFor(prng: Prng, tokenPrng: Prng, kind: IdentityKind, email: string): { userId: string; identity: UserIdentity } {
  const base = { connection: kind.connection, provider: kind.provider, isSocial: kind.isSocial };
  switch (kind.provider) {
    case 'google-oauth2': {
      const id = `1${prng.string(20, DIGITS)}`;
      const identity: UserIdentity = { ...base, user_id: id };
      if (prng.chance(0.3)) {
        identity.access_token = seedSecret(prng, 'user.identities.access_token', 40);
        identity.refresh_token = seedSecret(tokenPrng, 'user.identities.refresh_token', 40);
      }
      return { userId: `google-oauth2|${id}`, identity };
    }
    case 'github': {
      const id = prng.int(1_000_000, 99_999_999);
      return { userId: `github|${id}`, identity: { ...base, user_id: id } };
    }
    case 'samlp':
    case 'waad': {
      const id = kind.provider === 'samlp' ? email : prng.string(32, HEX);
      return { userId: `${kind.provider}|${kind.connection}|${id}`, identity: { ...base, user_id: id } };
    }
    default: {
      const id = prng.string(24, HEX);
      return { userId: `${kind.provider}|${id}`, identity: { ...base, user_id: id } };
    }
  }
}

function metadataFor(prng: Prng): { app?: JsonObject; user?: JsonObject } {
  const out: { app?: JsonObject; user?: JsonObject } = {};
  if (prng.chance(0.35)) {
    out.app = { plan: prng.pick(PLANS), seats: prng.int(1, 50) };
    if (prng.chance(0.3)) out.app.flags = { beta: prng.chance(0.5), roles: ['reader'] };
  }
  if (prng.chance(0.25)) out.user = { locale: prng.pick(LOCALES), theme: prng.pick(['light', 'dark']) };
  return out;
}

/**
 * Creation times spread over three years, mostly increasing, with deliberate ties: single repeats and
 * one bulk import that gives a block of users the same `created_at` (the graph windows on it).
 */
function creationTimes(prng: Prng, count: number, referenceMs: number): number[] {
  const times: number[] = [];
  const step = HISTORY_MS / Math.max(count, 1);
  const bulkAt = Math.floor(count * 0.4);
  const bulkSize = Math.min(Math.max(Math.floor(count / 60), 3), 40);
  let t = referenceMs - HISTORY_MS;
  for (let i = 0; i < count; i += 1) {
    const inBulk = i > bulkAt && i < bulkAt + bulkSize;
    if (!inBulk && !(i > 0 && prng.chance(0.04))) t += Math.max(1, Math.floor(prng.next() * 2 * step));
    times.push(Math.min(t, referenceMs - DAY_MS));
  }
  return times;
}

/** How a SAML IdP sends an address: as the directory holds it, capitals kept (Auth0 stores it as sent). */
function directoryCase(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, at).split('.').map(capitalize).join('.')}@${capitalize(email.slice(at + 1))}`;
}

export function seedUsers(prng: Prng, count: number, referenceMs: number, tokenPrng: Prng): UserRecord[] {
  const times = creationTimes(prng, count, referenceMs);
  const users = times.map((createdMs, index) => {
    const given = prng.pick(GIVEN_NAMES);
    const family = prng.pick(FAMILY_NAMES);
    const address = `${given}.${family}${index}@${prng.pick(EMAIL_DOMAINS)}`;
    const kind = pickKind(prng);
    const email = kind.provider === 'samlp' ? directoryCase(address) : address;
    const { userId, identity } = identityFor(prng, tokenPrng, kind, email);
    const nickname = address.slice(0, address.indexOf('@'));
    const user: UserRecord = {
      user_id: userId,
      email,
      email_verified: kind.isSocial || prng.chance(0.8),
      name: `${capitalize(given)} ${capitalize(family)}`,
      nickname,
      picture: `https://s.gravatar.com/avatar/${prng.string(32, HEX)}?s=480&r=pg`,
      created_at: iso(createdMs),
      updated_at: iso(createdMs),
      identities: [identity],
    };
    if (kind.provider !== 'samlp') {
      user.given_name = capitalize(given);
      user.family_name = capitalize(family);
    }
    if (kind.provider === 'auth0' && prng.chance(0.3)) user.username = `${given}_${family}${index}`;
    if (prng.chance(0.82)) {
      const loginMs = createdMs + Math.floor(prng.next() * (referenceMs - createdMs));
      user.last_login = iso(loginMs);
      user.updated_at = user.last_login;
      user.logins_count = prng.int(1, 400);
      user.last_ip = `10.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
    }
    if (prng.chance(0.03)) user.blocked = true;
    const metadata = metadataFor(prng);
    if (metadata.app) user.app_metadata = metadata.app;
    if (metadata.user) user.user_metadata = metadata.user;
    return user;
  });
  shareEmails(users);
  return users;
}

/**
 * The same person through two connections: Auth0 links nothing by itself, so a tenant holds one account per
 * connection under one address. The last Google user takes the address of the last database user as Google
 * sends it (lowercase); the last SAML user takes the address of the database user before that, in the
 * directory's case. Both are late in the list, so the first users stay single for tests that pick them.
 */
function shareEmails(users: UserRecord[]): void {
  const lastOf = (provider: string, skip: ReadonlySet<UserRecord> = new Set()): UserRecord | undefined =>
    users.findLast((u) => u.identities[0]?.provider === provider && !skip.has(u));
  const google = lastOf('google-oauth2');
  const saml = lastOf('samlp');
  const database = lastOf('auth0');
  const secondDatabase = database === undefined ? undefined : lastOf('auth0', new Set([database]));
  if (google !== undefined && database !== undefined) google.email = database.email;
  if (saml !== undefined && secondDatabase !== undefined) {
    const email = directoryCase(secondDatabase.email);
    const identity = saml.identities[0] as UserIdentity;
    identity.user_id = email;
    saml.user_id = `samlp|${identity.connection}|${email}`;
    saml.email = email;
  }
}
