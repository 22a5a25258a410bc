import type { Prng } from '../prng.ts';
import type {
  ClientRecord,
  ConnectionRecord,
  InvitationRecord,
  MembershipRecord,
  OrgConnectionRecord,
  OrganizationRecord,
  RoleRecord,
  UserRecord,
} from '../tenant.ts';
import { DAY_MS, iso } from './clock.ts';
import { seedSecret } from './secrets.ts';
import { BRAND_COLORS, ORG_SUFFIXES, ORG_WORDS } from './names.ts';

export interface SeededOrganizations {
  organizations: OrganizationRecord[];
  members: Map<string, MembershipRecord[]>;
  orgConnections: Map<string, OrgConnectionRecord[]>;
  invitations: Map<string, InvitationRecord[]>;
}

/** One very large org, a few mid-sized ones, and a long tail of tiny ones (several empty). */
function organizationSizes(prng: Prng, count: number, users: number, largest: number): number[] {
  const scale = users / 2500;
  const mid = [300, 150, 80];
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return Math.min(largest, users);
    const midSize = mid[i - 1];
    // Capped so that on a big tenant the first organization stays the largest one.
    const midCap = Math.max(300, Math.floor(largest / 2));
    if (midSize !== undefined) return Math.min(users, Math.max(6, Math.min(Math.round(midSize * scale), midCap)));
    return Math.min(users, prng.chance(0.6) ? prng.int(0, 5) : prng.int(6, 40));
  });
}

/**
 * Partial Fisher-Yates over a virtual copy of `items`: only the slots already swapped live in `moved`, so drawing
 * 10,000 of 100,000 users costs 10,000 steps rather than a copy of the whole list per organization. It draws the
 * same numbers and picks the same items as swapping in a real copy, so a seed keeps its tenant.
 */
function sampleDistinct<T>(prng: Prng, items: readonly T[], count: number): T[] {
  const moved = new Map<number, T>();
  const at = (index: number): T => (moved.has(index) ? (moved.get(index) as T) : (items[index] as T));
  const out: T[] = [];
  for (let length = items.length; out.length < count && length > 0; length -= 1) {
    const index = prng.int(0, length - 1);
    out.push(at(index));
    moved.set(index, at(length - 1));
  }
  return out;
}

function memberRoleIds(prng: Prng, roles: readonly RoleRecord[]): string[] {
  const roll = prng.next();
  const count = roll < 0.4 ? 0 : roll < 0.75 ? 1 : roll < 0.93 ? 2 : 3;
  return sampleDistinct(prng, roles, count).map((role) => role.id);
}

function organizationName(index: number): { name: string; display: string } {
  const word = ORG_WORDS[index % ORG_WORDS.length] ?? 'org';
  const suffix = ORG_SUFFIXES[Math.floor(index / ORG_WORDS.length) % ORG_SUFFIXES.length] ?? 'corp';
  const round = Math.floor(index / (ORG_WORDS.length * ORG_SUFFIXES.length));
  const name = `${word}-${suffix}${round > 0 ? `-${round}` : ''}`;
  const display = name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
  return { name, display };
}

export function seedOrganizations(
  prng: Prng,
  input: {
    count: number;
    largestMembers: number;
    users: readonly UserRecord[];
    roles: readonly RoleRecord[];
    clients: readonly ClientRecord[];
    connections: readonly ConnectionRecord[];
    referenceMs: number;
  },
): SeededOrganizations {
  const { users, roles, referenceMs } = input;
  const sizes = organizationSizes(prng, input.count, users.length, input.largestMembers);
  const result: SeededOrganizations = {
    organizations: [],
    members: new Map(),
    orgConnections: new Map(),
    invitations: new Map(),
  };
  const orgClients = input.clients.filter((c) => c.organization_usage === 'require' || c.organization_usage === 'allow');
  sizes.forEach((size, index) => {
    const { name, display } = organizationName(index);
    const org: OrganizationRecord = { id: `org_${prng.string(16)}`, name, display_name: display };
    if (prng.chance(0.6)) {
      org.branding = { logo_url: `https://cdn.example.com/${name}.png` };
      if (prng.chance(0.5)) org.branding.colors = { primary: prng.pick(BRAND_COLORS), page_background: '#ffffff' };
    }
    if (prng.chance(0.4)) org.metadata = { tier: prng.pick(['gold', 'silver', 'bronze']), region: prng.pick(['us', 'eu', 'apac']) };
    result.organizations.push(org);

    const members: MembershipRecord[] = sampleDistinct(prng, users, size).map((user) => {
      const from = Date.parse(user.created_at);
      return {
        user_id: user.user_id,
        role_ids: memberRoleIds(prng, roles),
        created_at: iso(from + Math.floor(prng.next() * Math.max(referenceMs - from, 1))),
      };
    });
    members.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
    result.members.set(org.id, members);

    const enabled = sampleDistinct(prng, input.connections, prng.int(1, 3)).map((connection) => ({
      connection_id: connection.id,
      assign_membership_on_login: prng.chance(0.3),
      show_as_button: true,
      ...(connection.strategy === 'auth0' ? { is_signup_enabled: prng.chance(0.5) } : {}),
    }));
    result.orgConnections.set(org.id, enabled);

    const invitations: InvitationRecord[] = [];
    const inviteCount = orgClients.length > 0 && prng.chance(0.3) ? prng.int(1, 4) : 0;
    for (let i = 0; i < inviteCount; i += 1) {
      const createdMs = referenceMs - prng.int(0, 6) * DAY_MS - prng.int(0, DAY_MS);
      const ticket = seedSecret(prng, 'invitation.ticket_id', 32);
      const client = prng.pick(orgClients);
      const invitation: InvitationRecord = {
        id: `uinv_${prng.string(16)}`,
        organization_id: org.id,
        client_id: client.client_id,
        inviter: { name: prng.pick(['Billing Team', 'Ops', 'Ada Abbott']) },
        invitee: { email: `invitee${index}.${i}@${name}.test` },
        invitation_url: `https://login.${name}.test/login?invitation=${ticket}&organization=${org.id}&organization_name=${name}`,
        ticket_id: ticket,
        created_at: iso(createdMs),
        expires_at: iso(createdMs + 7 * DAY_MS),
      };
      const first = enabled[0];
      if (first !== undefined) invitation.connection_id = first.connection_id;
      if (prng.chance(0.5) && roles.length > 0) invitation.roles = [prng.pick(roles).id];
      invitations.push(invitation);
    }
    result.invitations.set(org.id, invitations);
  });
  return result;
}
