/*
 * Nullability against the contract (docs/schema.md#nullability). A non-null field that fails nulls its parent, so a field is non-null only
 * where its failure could only come from the same upstream call as its parent (or none at all):
 * `Organization.name` (every organization record has one, and the record is what made the parent),
 * `OrganizationMember.roles` (read on the members page itself), `user`/`organization` of a member, every
 * `edges` list and `UserIdentity` list. Fields with their own upstream call stay nullable even where the contract
 * would have them non-null, so one failure (a missing scope, a rate limit) fails only that field (docs/design.md#typed-errors):
 * root connections and `usersByEmail` (a non-null root field that fails nulls all of `data`), nested
 * connections (`User.roles`, `Organization.members`, …), `memberCount` (one counted call per organization: as
 * non-null, a single 429 would null the organization and, through the non-null edges, the whole seats list)
 * and `TenantStats.activeUsers`/`daily`.
 */
import SchemaBuilder from '@pothos/core';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from '../resolvers/context.ts';
import { badUserInput } from '../resolvers/errors.ts';
import { costs, inHand, reads } from '../resolvers/field-declaration.ts';
import { pooledLookup } from '../resolvers/field-costs.ts';
import { DateScalar, DateTimeScalar, JSONScalar } from './scalars.ts';

export interface GraphTypes {
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: string; Output: string };
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
  };
}

/** Global ids are base64 of `Type:rawId`; anything else passed to `node` is the caller's mistake, not ours. */
function decodeGlobalID(globalID: string): { typename: string; id: string } {
  const text = Buffer.from(globalID, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) throw badUserInput('Not a global id issued by this server');
  return { typename: text.slice(0, colon), id: text.slice(colon + 1) };
}

export const builder = new SchemaBuilder<GraphTypes>({
  // Federation goes last: it reads the final type configs to attach @key and `resolveReference`.
  plugins: [RelayPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  relay: {
    nodeQueryOptions: { extensions: costs(pooledLookup('id')) },
    nodesQueryOptions: false,
    idFieldOptions: { extensions: reads() },
    pageInfoTypeOptions: { extensions: inHand() },
    decodeGlobalID,
  },
});

export type Types = PothosSchemaTypes.ExtendDefaultTypes<GraphTypes>;

builder.addScalarType('DateTime', DateTimeScalar);
builder.addScalarType('Date', DateScalar);
builder.addScalarType('JSON', JSONScalar);

builder.queryType({});
