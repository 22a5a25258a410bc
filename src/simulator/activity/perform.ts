import type { TokenIssuer } from '../auth/token-issuer.ts';
import type { LogStore } from '../logs/log-store.ts';
import type { TenantStore } from '../tenant-store.ts';
import { simulateLogin } from './login.ts';
import type { Activity, ActivityTenant } from './plan.ts';

const MEMBER_WRITE_SCOPES = ['create:organization_members', 'delete:organization_members'];

/** The tenant as planning sees it, read live from the store. */
export function activityTenantOf(store: TenantStore): ActivityTenant {
  return {
    get userCount() {
      return store.state.users.length;
    },
    userIdAt: (index) => store.state.users[index]?.user_id ?? '',
    get organizationIds() {
      return store.state.organizations.map((o) => o.id);
    },
    membersOf: (organizationId) => (store.state.members.get(organizationId) ?? []).map((m) => m.user_id),
    organizationsOf: (userId) => store.organizationIdsOf(userId),
  };
}

/**
 * Does an activity as it happens on a real tenant: a login is the user's own and touches no Management API,
 * while a member joining or leaving is an administrator's Management API call (made over HTTP to the
 * simulator itself by one of the tenant's machine-to-machine apps), so it is scope-checked, rate limited,
 * logged as `sapi` and pushed like any other write. A refused write (a 429) is simply not retried.
 */
export function performActivity(deps: {
  readonly store: TenantStore;
  readonly logs: LogStore;
  readonly issuer: TokenIssuer;
  readonly url: () => string;
  /** The app that makes membership changes; a tenant seeded with too few applications has none. */
  readonly adminClientId: string | undefined;
  readonly now: () => number;
}): (activity: Activity) => Promise<void> {
  return async (activity) => {
    if (activity.kind === 'login') {
      const options = activity.organizationId === undefined ? {} : { organizationId: activity.organizationId };
      simulateLogin(deps.store, deps.logs, activity.userId, options, deps.now());
      return;
    }
    if (deps.adminClientId === undefined) throw new Error('the tenant has no machine-to-machine app to change memberships with');
    const res = await fetch(`${deps.url()}/api/v2/organizations/${encodeURIComponent(activity.organizationId)}/members`, {
      method: activity.kind === 'join' ? 'POST' : 'DELETE',
      headers: {
        authorization: `Bearer ${deps.issuer.issue(deps.adminClientId, MEMBER_WRITE_SCOPES)}`,
        'content-type': 'application/json',
        'user-agent': 'auth0-graph-simulator-activity',
      },
      body: JSON.stringify({ members: [activity.userId] }),
    });
    await res.body?.cancel();
  };
}
