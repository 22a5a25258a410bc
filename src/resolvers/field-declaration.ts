import type { GraphQLField, GraphQLNamedType } from 'graphql';
import { endpointGroupOf } from '../auth0/routes.ts';
import type { EndpointGroup } from '../auth0/types.ts';
import { listingKey } from '../cache/invalidation.ts';
import type { ResourceKey, ResourceType } from '../cache/invalidation.ts';
import type { CostRule } from './field-costs.ts';

/**
 * What a field needs upstream, declared once, on the field itself: Pothos passes `extensions` through to the
 * built schema (SDL does not print them), where the planner (the `fields=` list of a profile read, whether a
 * partial parent must load its record) and the cost estimate read it back. Resolvers get the schema with every
 * `info`, so nothing here imports it.
 */
export interface FieldDeclaration {
  /** Auth0 fields of the parent's record the field reads; none when it needs only the parent's id, or nothing. */
  readonly auth0: readonly string[];
  /** Upstream calls per parent instance and how its children are sourced; absent when it makes none itself. */
  readonly cost?: CostRule;
  /** The rate-limit lane its calls draw on, from the route it calls; 'other' unless a route says otherwise. */
  readonly lane?: EndpointGroup;
  /** The listing it reads, from the route it calls (`/organizations`): a create, delete or rename there changes it. */
  readonly lists?: ResourceKey;
}

/**
 * The tenant records a source of a type stands for, as the change feed names them (cache/invalidation.ts):
 * every field resolved on such a source read them. `type` names the listing a root lookup that found nothing read.
 */
export interface ResourceDeclaration {
  readonly type: ResourceType;
  readonly keys: (source: never) => readonly ResourceKey[];
}

/** What a type says of all its fields at once. */
export interface TypeDeclaration {
  /**
   * Sources of this type may be partial (sources.ts): `knows` are the Auth0 fields such a source always holds,
   * and a selected field that reads any other loads the record. `recordsPerCall`: how many records of one list
   * one call loads (user profiles by search); absent, each record is its own call.
   */
  readonly partial?: { readonly knows: ReadonlySet<string>; readonly recordsPerCall?: number; readonly lane?: EndpointGroup };
  /** Every field reads only the value its parent already holds, so none makes a call or needs to declare. */
  readonly inHand?: true;
  /** Which tenant records a source of this type stands for; live queries re-run when one of them changes. */
  readonly resource?: ResourceDeclaration;
}

/** The `extensions` key both declarations sit under. */
const KEY = 'auth0Graph';

type Extensions<T> = { readonly [KEY]: T };

/** A field that reads these Auth0 fields of its parent's record and makes no call of its own. */
export function reads<F extends string>(...auth0: readonly F[]): Extensions<FieldDeclaration> {
  return { [KEY]: { auth0 } };
}

/**
 * A field that costs calls (or shapes what lies below) by `cost`. `reads` are the fields of its parent's record
 * it reads (none: only the id); a field whose type may be partial builds that partial source from them (a
 * member's `user`). `route` is the Management API route template it calls (`/organizations/{id}/members`): the
 * time estimate charges its calls to that route's rate-limit lane.
 */
export function costs<F extends string>(cost: CostRule, on: { readonly route?: string; readonly reads?: readonly F[] } = {}): Extensions<FieldDeclaration> {
  const lane = on.route === undefined ? {} : { lane: endpointGroupOf(on.route) };
  const listing = on.route === undefined ? undefined : LISTINGS[on.route];
  return { [KEY]: { auth0: on.reads ?? [], cost, ...lane, ...(listing === undefined ? {} : { lists: listingKey(listing) }) } };
}

/** Routes that list or search a whole collection of the tenant, by the type of record they hold. */
const LISTINGS: Readonly<Record<string, ResourceType>> = {
  '/users': 'User',
  '/users-by-email': 'User',
  '/organizations': 'Organization',
  '/roles': 'Role',
  '/clients': 'Client',
  '/connections': 'Connection',
};

/**
 * A type whose sources may be partial, holding only `knows` of their record; `recordsPerCall` and `route`
 * say how one list's records load (user profiles: 50 per search on `/users`).
 */
export function mayBePartial(knows: Iterable<string>, recordsPerCall?: number, route?: string): Extensions<TypeDeclaration> {
  const lane = route === undefined ? {} : { lane: endpointGroupOf(route) };
  return { [KEY]: { partial: { knows: new Set(knows), ...(recordsPerCall === undefined ? {} : { recordsPerCall }), ...lane } } };
}

/** A type whose fields read only the value in hand (a client, a permission, an invitation, a connection's edge). */
export function inHand(): Extensions<TypeDeclaration> {
  return { [KEY]: { inHand: true } };
}

/**
 * Adds to a type's declaration (`mayBePartial`, `inHand`, or none) the tenant records each of its sources stands
 * for: `Organization:<id>` for an organization, both its organization and its user for a member row.
 */
export function identifies<S>(
  type: ResourceType,
  keys: (source: S) => readonly ResourceKey[],
  declaration: Extensions<TypeDeclaration> = { [KEY]: {} },
): Extensions<TypeDeclaration> {
  return { [KEY]: { ...declaration[KEY], resource: { type, keys } } };
}

function declared(extensions: unknown): unknown {
  return typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>)[KEY] : undefined;
}

export function declarationOf(field: Pick<GraphQLField<unknown, unknown>, 'extensions'> | null | undefined): FieldDeclaration | undefined {
  const found = declared(field?.extensions);
  return typeof found === 'object' && found !== null && Array.isArray((found as { auth0?: unknown }).auth0) ? (found as FieldDeclaration) : undefined;
}

export function typeDeclarationOf(type: Pick<GraphQLNamedType, 'extensions'> | null | undefined): TypeDeclaration | undefined {
  const found = declared(type?.extensions);
  return typeof found === 'object' && found !== null ? (found as TypeDeclaration) : undefined;
}

const answeredWithoutRecord = new WeakMap<object, ReadonlySet<string>>();

/** The fields a partial source of `type` answers from what it holds, `__typename` included. */
function freeFieldsOf(type: GraphQLNamedType, knows: ReadonlySet<string>): ReadonlySet<string> {
  let free = answeredWithoutRecord.get(type);
  if (free === undefined) {
    const fields = 'getFields' in type ? Object.values(type.getFields()) : [];
    const answered = fields.filter((field) => declarationOf(field)?.auth0.every((read) => knows.has(read)) ?? false);
    free = new Set(['__typename', ...answered.map((field) => field.name)]);
    answeredWithoutRecord.set(type, free);
  }
  return free;
}

/**
 * Whether `selected` fields of a partial source of `type` need its record loaded: some field reads an Auth0
 * field the source does not hold (a field it does not know reads everything). A type whose sources are never
 * partial never needs one.
 */
export function needsRecord(type: GraphQLNamedType | null | undefined, selected: Iterable<string>): boolean {
  const partial = typeDeclarationOf(type)?.partial;
  if (type === null || type === undefined || partial === undefined) return false;
  const free = freeFieldsOf(type, partial.knows);
  for (const field of selected) if (!free.has(field)) return true;
  return false;
}
