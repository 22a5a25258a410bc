import type { UserWire } from '../auth0/endpoints/users.ts';
import type { Context } from './context.ts';
import { needsRecord } from './field-declaration.ts';
import { selectedFields } from './planner.ts';
import type { SelectionInfo } from './planner.ts';
import type { OperationInfo } from './profile-fields.ts';

const NONE: ReadonlyMap<string, UserWire> = new Map();

/**
 * The profiles of a page of listed users (organization members, role users), when the users at `path` under
 * this field have a profile field selected that no directive guards; none otherwise. They are read through the
 * request's loader (one search per batch) as soon as the page arrives, so every user's fields then resolve
 * synchronously, where loading them field by field made graphql-js complete each listed user, and so the whole
 * page, through promises. A guarded field is left to its own resolver, which loads the profile only if the
 * field is in fact included. A profile that is missing or failed is left out: that user stays partial, and
 * the loader, which holds the failure, reports it on the fields that needed the profile.
 */
export async function listedProfiles(
  ctx: Context,
  info: SelectionInfo & OperationInfo,
  path: readonly string[],
  userIds: readonly string[],
): Promise<ReadonlyMap<string, UserWire>> {
  // A listed user is a partial `User`: the fields it answers are those that read only what a listing carries.
  if (!needsRecord(info.schema.getType('User'), selectedFields(info, path, { unconditional: true }))) return NONE;
  const loaded = await ctx.loaders.userById(info).loadMany(userIds);
  const profiles = new Map<string, UserWire>();
  loaded.forEach((wire, index) => {
    const userId = userIds[index];
    if (userId !== undefined && wire !== null && !(wire instanceof Error)) profiles.set(userId, wire);
  });
  return profiles;
}
