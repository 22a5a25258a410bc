import { GraphQLLiveDirective } from '@envelop/live-query';
import { specifiedDirectives } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import './user.ts';
import './organization.ts';
import './member.ts';
import './role.ts';
import './permission.ts';
import './client.ts';
import './identity-connection.ts';
import './tenant-stats.ts';
import { entityLookups } from '../resolvers/field-costs.ts';
import { costs, reads } from '../resolvers/field-declaration.ts';
import { reportResourceReads } from '../resolvers/read-resources.ts';
import { builder } from './builder.ts';
import { checkDeclarations } from './check-declarations.ts';

/**
 * The federation plugin adds `_entities` and `_service` itself, with no field options to declare them by, so
 * their declarations are set on the built fields: each representation is a lookup batched like `user(userId:)`,
 * and the SDL is in hand.
 */
function declareFederationFields(built: GraphQLSchema): GraphQLSchema {
  const fields = built.getQueryType()?.getFields() ?? {};
  if (fields['_entities'] !== undefined) fields['_entities'].extensions = { ...fields['_entities'].extensions, ...costs(entityLookups) };
  if (fields['_service'] !== undefined) fields['_service'].extensions = { ...fields['_service'].extensions, ...reads() };
  return built;
}

/**
 * A federation subgraph: `_service` and `_entities` let a billing supergraph join on the ids it stores. `@live`
 * marks a query whose answer is pushed again when the tenant changes what it read (docs/design.md#live-queries).
 */
export const schema = reportResourceReads(
  checkDeclarations(
    declareFederationFields(
      builder.toSubGraphSchema({
        linkUrl: 'https://specs.apollo.dev/federation/v2.6',
        federationDirectives: ['@key'],
        // Given directives replace GraphQL's own, which must stay (`@include`, `@skip`, `@deprecated`, …).
        directives: [...specifiedDirectives, GraphQLLiveDirective],
      }),
    ),
  ),
);
