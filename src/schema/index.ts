import './user.ts';
import './organization.ts';
import './member.ts';
import './role.ts';
import './permission.ts';
import './client.ts';
import './identity-connection.ts';
import './tenant-stats.ts';
import { builder } from './builder.ts';

/** A federation subgraph: `_service` and `_entities` let a billing supergraph join on the ids it stores. */
export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6', federationDirectives: ['@key'] });
