import { apiError } from '../errors.ts';
import { signupEvent } from '../logs/log-events.ts';
import type { JsonObject, RoleRecord, UserRecord } from '../tenant.ts';
import type { ApiContext, RouteSpec } from './context.ts';
import { selectFields } from './fields.ts';
import { userView } from './projections.ts';
import { rolesNamed } from './roles.ts';
import { requireUser } from './users.ts';
import {
  idList,
  mergeMetadata,
  objectBody,
  optionalBoolean,
  optionalObject,
  optionalString,
  payloadError,
  requireProperty,
} from './write-bodies.ts';

/** Profile fields a create or an update may set, as strings or booleans. */
const PROFILE_STRINGS = ['email', 'phone_number', 'given_name', 'family_name', 'name', 'nickname', 'picture', 'username'] as const;
const PROFILE_BOOLEANS = ['blocked', 'email_verified', 'phone_verified'] as const;
const CREATE_KEYS = [...PROFILE_STRINGS, ...PROFILE_BOOLEANS, 'user_metadata', 'app_metadata', 'user_id', 'connection', 'password', 'verify_email'];
const UPDATE_KEYS = [
  ...PROFILE_STRINGS, ...PROFILE_BOOLEANS, 'user_metadata', 'app_metadata', 'connection', 'password', 'verify_email',
  'verify_phone_number', 'client_id',
];
/** Connections the Management API can create users in: databases and passwordless email. */
const CREATABLE_STRATEGIES: Readonly<Record<string, string>> = { auth0: 'auth0', email: 'email' };

/** The profile fields a body sets, checked for type. */
function profileChanges(body: JsonObject): Partial<UserRecord> {
  const changes: Record<string, unknown> = {};
  for (const key of PROFILE_STRINGS) {
    const value = optionalString(body, key);
    if (value !== undefined) changes[key] = value;
  }
  for (const key of PROFILE_BOOLEANS) {
    const value = optionalBoolean(body, key);
    if (value !== undefined) changes[key] = value;
  }
  return changes as Partial<UserRecord>;
}

const fullView = (ctx: ApiContext, user: UserRecord): JsonObject =>
  JSON.parse(JSON.stringify(userView(user, ctx, selectFields(new URLSearchParams(), { allowed: [] })))) as JsonObject;

const createUser: RouteSpec = {
  template: '/users',
  method: 'POST',
  status: 201,
  operation: 'Create a User',
  scopes: { anyOf: ['create:users'] },
  handle(ctx) {
    const body = objectBody(ctx.body, CREATE_KEYS);
    requireProperty(body, 'connection');
    const connectionName = optionalString(body, 'connection') as string;
    const connection = ctx.store.state.connections.find((c) => c.name === connectionName);
    if (connection === undefined) throw apiError(400, 'The connection does not exist.', 'inexistent_connection');
    const provider = CREATABLE_STRATEGIES[connection.strategy];
    if (provider === undefined) {
      // UNCONFIRMED upstream wording; social and enterprise accounts are made by their identity provider, not here.
      throw apiError(400, `Users cannot be created in a ${connection.strategy} connection.`, 'operation_not_supported');
    }
    requireProperty(body, 'email');
    if (connection.strategy === 'auth0') requireProperty(body, 'password');
    const changes = profileChanges(body);
    const email = changes.email as string;
    if (ctx.store.accountExists(connection.name, email)) throw apiError(409, 'The user already exists.', 'auth0_idp_error');
    const user = ctx.store.createUser(
      {
        ...changes,
        email,
        ...(body.user_metadata === undefined ? {} : { user_metadata: optionalObject(body, 'user_metadata') }),
        ...(body.app_metadata === undefined ? {} : { app_metadata: optionalObject(body, 'app_metadata') }),
      },
      ctx.nowMs,
      ctx.visibleAtMs,
      { name: connection.name, provider },
    );
    const { verify_email: _verify, ...logged } = body;
    ctx.alsoLog(signupEvent(user, ctx.store.clientById(ctx.clientId), connection, logged, ctx.store.state.domain));
    ctx.changed({ type: 'user.created', user, atMs: ctx.nowMs });
    return fullView(ctx, user);
  },
};

const updateUser: RouteSpec = {
  template: '/users/{id}',
  method: 'PATCH',
  operation: 'Update a User',
  scopes: { anyOf: ['update:users', 'update:users_app_metadata'] },
  handle(ctx) {
    const user = requireUser(ctx);
    const body = objectBody(ctx.body, UPDATE_KEYS);
    if (Object.keys(body).length === 0) throw payloadError('Too few properties defined (0), minimum 1');
    const changes = profileChanges(body);
    if (changes.email !== undefined && user.identities[0]?.provider === 'auth0') changes.email = changes.email.toLowerCase();
    for (const key of ['user_metadata', 'app_metadata'] as const) {
      const patch = optionalObject(body, key);
      if (patch !== undefined) changes[key] = mergeMetadata(user[key], patch);
    }
    const updated = ctx.store.updateUser(user.user_id, changes, ctx.nowMs);
    ctx.changed({ type: 'user.updated', user: updated, atMs: ctx.nowMs });
    return fullView(ctx, updated);
  },
};

const deleteUser: RouteSpec = {
  template: '/users/{id}',
  method: 'DELETE',
  status: 204,
  operation: 'Delete a User',
  scopes: { anyOf: ['delete:users'] },
  handle(ctx) {
    const user = ctx.store.deleteUser(requireUser(ctx).user_id);
    ctx.changed({ type: 'user.deleted', user, atMs: ctx.nowMs });
    return null;
  },
};

/**
 * A tenant role assignment or removal for the roles the body names; it has no Event Streams type. Sources
 * differ on the scope: the API explorer named update:users, the current OAS create/delete:role_members.
 */
function userRolesWrite(method: 'POST' | 'DELETE', operation: string, scope: string, apply: (role: RoleRecord, userId: string, ctx: ApiContext) => void): RouteSpec {
  return {
    template: '/users/{id}/roles',
    method,
    status: 204,
    operation,
    scopes: { anyOf: [scope, 'update:users'] },
    handle(ctx) {
      const user = requireUser(ctx);
      for (const role of rolesNamed(ctx, idList(objectBody(ctx.body, ['roles']), 'roles', 100))) apply(role, user.user_id, ctx);
      return null;
    },
  };
}

const assignUserRoles = userRolesWrite('POST', 'Assign roles to a user', 'create:role_members', (role, userId, ctx) => {
  ctx.store.assignRole(role.id, userId, ctx.nowMs);
});
const removeUserRoles = userRolesWrite('DELETE', 'Removes roles from a user', 'delete:role_members', (role, userId, ctx) => {
  ctx.store.unassignRole(role.id, userId);
});

export const USER_WRITE_ROUTES: readonly RouteSpec[] = [createUser, updateUser, deleteUser, assignUserRoles, removeUserRoles];
