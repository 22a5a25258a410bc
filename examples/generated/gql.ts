/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query OrganizationMembersWithRoles {\n  organizations(first: 5) {\n    edges {\n      node {\n        name\n        members(first: 10) {\n          edges {\n            node {\n              userId\n              email\n              name\n              roles {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.OrganizationMembersWithRolesDocument,
    "query SeatsLive @live {\n  organizations(first: 20) {\n    edges {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n  }\n}": typeof types.SeatsLiveDocument,
    "query SeatsPerOrganization($first: Int = 20, $after: String) {\n  organizations(first: $first, after: $after) {\n    edges {\n      node {\n        organizationId\n        name\n        displayName\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  tenantStats {\n    activeUsers\n  }\n}": typeof types.SeatsPerOrganizationDocument,
    "query SeatsStreamed {\n  organizations(first: 1000) {\n    edges @stream {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n    ... @defer {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": typeof types.SeatsStreamedDocument,
    "query UserProfile($userId: String!) {\n  user(userId: $userId) {\n    userId\n    email\n    name\n    picture\n    lastLogin\n    loginsCount\n    blocked\n    identities {\n      connection\n      provider\n      isSocial\n    }\n    organizations(first: 10) {\n      edges {\n        node {\n          organizationId\n          name\n        }\n      }\n    }\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n}": typeof types.UserProfileDocument,
};
const documents: Documents = {
    "query OrganizationMembersWithRoles {\n  organizations(first: 5) {\n    edges {\n      node {\n        name\n        members(first: 10) {\n          edges {\n            node {\n              userId\n              email\n              name\n              roles {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.OrganizationMembersWithRolesDocument,
    "query SeatsLive @live {\n  organizations(first: 20) {\n    edges {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n  }\n}": types.SeatsLiveDocument,
    "query SeatsPerOrganization($first: Int = 20, $after: String) {\n  organizations(first: $first, after: $after) {\n    edges {\n      node {\n        organizationId\n        name\n        displayName\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  tenantStats {\n    activeUsers\n  }\n}": types.SeatsPerOrganizationDocument,
    "query SeatsStreamed {\n  organizations(first: 1000) {\n    edges @stream {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n    ... @defer {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}": types.SeatsStreamedDocument,
    "query UserProfile($userId: String!) {\n  user(userId: $userId) {\n    userId\n    email\n    name\n    picture\n    lastLogin\n    loginsCount\n    blocked\n    identities {\n      connection\n      provider\n      isSocial\n    }\n    organizations(first: 10) {\n      edges {\n        node {\n          organizationId\n          name\n        }\n      }\n    }\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n}": types.UserProfileDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OrganizationMembersWithRoles {\n  organizations(first: 5) {\n    edges {\n      node {\n        name\n        members(first: 10) {\n          edges {\n            node {\n              userId\n              email\n              name\n              roles {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query OrganizationMembersWithRoles {\n  organizations(first: 5) {\n    edges {\n      node {\n        name\n        members(first: 10) {\n          edges {\n            node {\n              userId\n              email\n              name\n              roles {\n                name\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SeatsLive @live {\n  organizations(first: 20) {\n    edges {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n  }\n}"): (typeof documents)["query SeatsLive @live {\n  organizations(first: 20) {\n    edges {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SeatsPerOrganization($first: Int = 20, $after: String) {\n  organizations(first: $first, after: $after) {\n    edges {\n      node {\n        organizationId\n        name\n        displayName\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  tenantStats {\n    activeUsers\n  }\n}"): (typeof documents)["query SeatsPerOrganization($first: Int = 20, $after: String) {\n  organizations(first: $first, after: $after) {\n    edges {\n      node {\n        organizationId\n        name\n        displayName\n        memberCount\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n  tenantStats {\n    activeUsers\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SeatsStreamed {\n  organizations(first: 1000) {\n    edges @stream {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n    ... @defer {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"): (typeof documents)["query SeatsStreamed {\n  organizations(first: 1000) {\n    edges @stream {\n      node {\n        organizationId\n        name\n        memberCount\n      }\n    }\n    ... @defer {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserProfile($userId: String!) {\n  user(userId: $userId) {\n    userId\n    email\n    name\n    picture\n    lastLogin\n    loginsCount\n    blocked\n    identities {\n      connection\n      provider\n      isSocial\n    }\n    organizations(first: 10) {\n      edges {\n        node {\n          organizationId\n          name\n        }\n      }\n    }\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query UserProfile($userId: String!) {\n  user(userId: $userId) {\n    userId\n    email\n    name\n    picture\n    lastLogin\n    loginsCount\n    blocked\n    identities {\n      connection\n      provider\n      isSocial\n    }\n    organizations(first: 10) {\n      edges {\n        node {\n          organizationId\n          name\n        }\n      }\n    }\n    roles(first: 10) {\n      edges {\n        node {\n          name\n        }\n      }\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;