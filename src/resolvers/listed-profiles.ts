import type { UserWire } from '../auth0/endpoints/users.ts';
import type { Context } from '../context.ts';
import { selectedFields } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import type { OperationInfo } from './profile-fields.ts';

/**
 * User fields a listing (organization member, role user) answers without the profile: the four fields it
 * carries, the id, and the user's own lists, which need only the id.
 */
const ANSWERED_BY_LISTING: ReadonlySet<string> = new Set([
  '__typename', 'id', 'userId', 'email', 'name', 'picture', 'organizations', 'roles', 'permissions',
]);

/**
 * Whether the users listed at `path` under this field have a profile field selected that no directive guards.
 * A guarded field is left to its own resolver, which loads the profile only if the field is in fact included.
 */
export function wantsListedProfiles(info: SelectionInfo, path: readonly string[]): boolean {
  for (const field of selectedFields(info, path, { unconditional: true })) if (!ANSWERED_BY_LISTING.has(field)) return true;
  return false;
}

/**
 * The profiles of a page of listed users, through the request's loader (one search per batch), read as soon
 * as the page arrives. Every user's fields then resolve synchronously, where loading them field by field
 * made graphql-js complete each listed user, and so the whole page, through promises. A profile that is
 * missing or failed is left out: that user stays partial, and the loader, which holds the failure, reports it
 * on the fields that needed the profile, as before.
 */
export async function loadListedProfiles(
  ctx: Context,
  info: OperationInfo,
  userIds: readonly string[],
): Promise<ReadonlyMap<string, UserWire>> {
  const loaded = await ctx.loaders.userById(info).loadMany(userIds);
  const profiles = new Map<string, UserWire>();
  loaded.forEach((wire, index) => {
    const userId = userIds[index];
    if (userId !== undefined && wire !== null && !(wire instanceof Error)) profiles.set(userId, wire);
  });
  return profiles;
}
