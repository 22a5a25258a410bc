import type { Prng } from '../prng.ts';
import type { TenantChange } from '../tenant-changes.ts';
import type { JsonObject, UserRecord } from '../tenant.ts';

/** A CloudEvents 1.0 event as Event Streams deliver it (docs/auth0-api.md#the-simulators-pushes). */
export interface CloudEvent extends JsonObject {
  readonly specversion: '1.0';
  readonly type: string;
  readonly source: string;
  readonly id: string;
  readonly time: string;
  readonly data: JsonObject;
  readonly a0tenant: string;
  readonly a0stream: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `evt_` or `est_` and 22 letters and digits, the pattern the event schemas give. */
export const eventStreamId = (prng: Prng, prefix: 'evt' | 'est'): string => `${prefix}_${prng.string(22, ALPHANUMERIC)}`;

/** A user as an event carries it: the profile, without identity-provider tokens. */
function userObject(user: UserRecord): JsonObject {
  const identities = user.identities.map(({ access_token: _a, refresh_token: _r, ...rest }) => rest);
  return JSON.parse(JSON.stringify({ ...user, identities })) as JsonObject;
}

function objectOf(change: TenantChange): JsonObject {
  switch (change.type) {
    case 'user.created':
    case 'user.updated':
    case 'user.deleted':
      return userObject(change.user);
    case 'organization.updated':
      return JSON.parse(JSON.stringify(change.organization)) as JsonObject;
    case 'organization.member.added':
    case 'organization.member.deleted':
      return { organization: { id: change.organization.id, name: change.organization.name }, user: { user_id: change.userId } };
    case 'organization.member.role.assigned':
    case 'organization.member.role.deleted':
      return {
        organization: { id: change.organization.id, name: change.organization.name },
        user: { user_id: change.userId },
        role: { id: change.role.id, name: change.role.name },
      };
  }
}

export function cloudEventOf(change: TenantChange, context: { domain: string; streamId: string; prng: Prng }): CloudEvent {
  return {
    specversion: '1.0',
    type: change.type,
    source: `urn:auth0:${context.domain}`,
    id: eventStreamId(context.prng, 'evt'),
    time: new Date(change.atMs).toISOString(),
    data: { object: objectOf(change) },
    a0tenant: context.domain.split('.', 1)[0] ?? context.domain,
    a0stream: context.streamId,
  };
}
