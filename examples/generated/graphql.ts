/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  /** The `ID` scalar type represents a unique identifier, often used to refetch an object or as key for a cache. The ID type appears in a JSON response as a String; however, it is not intended to be human-readable. When expected as an input type, any string (such as `"4"`) or integer (such as `4`) input value will be accepted as an ID. */
  ID: { input: string; output: string; }
  /** The `String` scalar type represents textual data, represented as UTF-8 character sequences. The String type is most often used by GraphQL to represent free-form human-readable text. */
  String: { input: string; output: string; }
  /** The `Boolean` scalar type represents `true` or `false`. */
  Boolean: { input: boolean; output: boolean; }
  /** The `Int` scalar type represents non-fractional signed whole numeric values. Int can represent values between -(2^31) and 2^31 - 1. */
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date, YYYY-MM-DD */
  Date: { input: any; output: any; }
  /** An ISO-8601 date-time, e.g. 2024-01-25T19:00:28.395Z */
  DateTime: { input: any; output: any; }
  /** Free-form JSON (Auth0 metadata) */
  JSON: { input: any; output: any; }
  _Any: { input: any; output: any; }
};

/** An Auth0 application; never its secret, keys or credentials. */
export type Client = Node & {
  __typename?: 'Client';
  allowedLogoutUrls?: Maybe<Array<Scalars['String']['output']>>;
  allowedOrigins?: Maybe<Array<Scalars['String']['output']>>;
  appType?: Maybe<Scalars['String']['output']>;
  callbacks?: Maybe<Array<Scalars['String']['output']>>;
  clientId: Scalars['String']['output'];
  clientMetadata?: Maybe<Scalars['JSON']['output']>;
  crossOriginAuthentication?: Maybe<Scalars['Boolean']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  grantTypes?: Maybe<Array<Scalars['String']['output']>>;
  id: Scalars['ID']['output'];
  initiateLoginUri?: Maybe<Scalars['String']['output']>;
  isFirstParty?: Maybe<Scalars['Boolean']['output']>;
  isGlobal?: Maybe<Scalars['Boolean']['output']>;
  logoUri?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  oidcConformant?: Maybe<Scalars['Boolean']['output']>;
  organizationRequireBehavior?: Maybe<Scalars['String']['output']>;
  organizationUsage?: Maybe<Scalars['String']['output']>;
  ssoDisabled?: Maybe<Scalars['Boolean']['output']>;
  tokenEndpointAuthMethod?: Maybe<Scalars['String']['output']>;
  webOrigins?: Maybe<Array<Scalars['String']['output']>>;
};

export type ClientConnection = {
  __typename?: 'ClientConnection';
  edges: Array<ClientEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type ClientEdge = {
  __typename?: 'ClientEdge';
  cursor: Scalars['String']['output'];
  node: Client;
};

export type DailyStats = {
  __typename?: 'DailyStats';
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  date: Scalars['DateTime']['output'];
  leakedPasswords?: Maybe<Scalars['Int']['output']>;
  logins?: Maybe<Scalars['Int']['output']>;
  signups?: Maybe<Scalars['Int']['output']>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** An Auth0 connection (identity source); never its `options`, which hold provider secrets. */
export type IdentityConnection = Node & {
  __typename?: 'IdentityConnection';
  connectionId: Scalars['String']['output'];
  displayName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  isDomainConnection?: Maybe<Scalars['Boolean']['output']>;
  metadata?: Maybe<Scalars['JSON']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  realms?: Maybe<Array<Scalars['String']['output']>>;
  showAsButton?: Maybe<Scalars['Boolean']['output']>;
  strategy?: Maybe<Scalars['String']['output']>;
};

export type IdentityConnectionConnection = {
  __typename?: 'IdentityConnectionConnection';
  edges: Array<IdentityConnectionEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type IdentityConnectionEdge = {
  __typename?: 'IdentityConnectionEdge';
  cursor: Scalars['String']['output'];
  node: IdentityConnection;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type Organization = Node & {
  __typename?: 'Organization';
  branding?: Maybe<OrganizationBranding>;
  displayName?: Maybe<Scalars['String']['output']>;
  enabledConnections?: Maybe<OrganizationEnabledConnectionConnection>;
  id: Scalars['ID']['output'];
  /** Pending invitations; never their acceptance URL or ticket. */
  invitations?: Maybe<OrganizationInvitationConnection>;
  /** Seats: one counted call, not a full listing. */
  memberCount?: Maybe<Scalars['Int']['output']>;
  members?: Maybe<OrganizationMemberConnection>;
  metadata?: Maybe<Scalars['JSON']['output']>;
  name: Scalars['String']['output'];
  organizationId: Scalars['String']['output'];
};


export type OrganizationEnabledConnectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationInvitationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type OrganizationMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type OrganizationBranding = {
  __typename?: 'OrganizationBranding';
  logoUrl?: Maybe<Scalars['String']['output']>;
  pageBackgroundColor?: Maybe<Scalars['String']['output']>;
  primaryColor?: Maybe<Scalars['String']['output']>;
};

export type OrganizationConnection = {
  __typename?: 'OrganizationConnection';
  edges: Array<OrganizationEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type OrganizationEdge = {
  __typename?: 'OrganizationEdge';
  cursor: Scalars['String']['output'];
  node: Organization;
};

export type OrganizationEnabledConnection = {
  __typename?: 'OrganizationEnabledConnection';
  assignMembershipOnLogin?: Maybe<Scalars['Boolean']['output']>;
  connection: IdentityConnection;
  connectionId: Scalars['String']['output'];
  isSignupEnabled?: Maybe<Scalars['Boolean']['output']>;
  showAsButton?: Maybe<Scalars['Boolean']['output']>;
};

export type OrganizationEnabledConnectionConnection = {
  __typename?: 'OrganizationEnabledConnectionConnection';
  edges: Array<OrganizationEnabledConnectionEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type OrganizationEnabledConnectionEdge = {
  __typename?: 'OrganizationEnabledConnectionEdge';
  cursor: Scalars['String']['output'];
  node: OrganizationEnabledConnection;
};

/** An invitation; its URL and ticket accept it for whoever holds them, so they are never read. */
export type OrganizationInvitation = {
  __typename?: 'OrganizationInvitation';
  clientId?: Maybe<Scalars['String']['output']>;
  connectionId?: Maybe<Scalars['String']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  invitationId: Scalars['String']['output'];
  inviteeEmail?: Maybe<Scalars['String']['output']>;
  inviterName?: Maybe<Scalars['String']['output']>;
  organizationId?: Maybe<Scalars['String']['output']>;
  roleIds?: Maybe<Array<Scalars['String']['output']>>;
};

export type OrganizationInvitationConnection = {
  __typename?: 'OrganizationInvitationConnection';
  edges: Array<OrganizationInvitationEdge>;
  pageInfo: PageInfo;
};

export type OrganizationInvitationEdge = {
  __typename?: 'OrganizationInvitationEdge';
  cursor: Scalars['String']['output'];
  node: OrganizationInvitation;
};

export type OrganizationMember = {
  __typename?: 'OrganizationMember';
  email?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  organization: Organization;
  picture?: Maybe<Scalars['String']['output']>;
  /** The member's roles in this organization, fetched with the members page. */
  roles: Array<Role>;
  /** The full profile; costs nothing beyond the member fields unless other fields are selected. */
  user: User;
  userId: Scalars['String']['output'];
};

export type OrganizationMemberConnection = {
  __typename?: 'OrganizationMemberConnection';
  edges: Array<OrganizationMemberEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type OrganizationMemberEdge = {
  __typename?: 'OrganizationMemberEdge';
  cursor: Scalars['String']['output'];
  node: OrganizationMember;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Permission = {
  __typename?: 'Permission';
  description?: Maybe<Scalars['String']['output']>;
  permissionName: Scalars['String']['output'];
  resourceServerIdentifier: Scalars['String']['output'];
  resourceServerName?: Maybe<Scalars['String']['output']>;
  /** Only on a user's permissions. */
  sources?: Maybe<Array<PermissionSource>>;
};

export type PermissionConnection = {
  __typename?: 'PermissionConnection';
  edges: Array<PermissionEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type PermissionEdge = {
  __typename?: 'PermissionEdge';
  cursor: Scalars['String']['output'];
  node: Permission;
};

/** Why a user holds a permission: granted directly, or through a role. */
export type PermissionSource = {
  __typename?: 'PermissionSource';
  sourceId?: Maybe<Scalars['String']['output']>;
  sourceName?: Maybe<Scalars['String']['output']>;
  sourceType?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  client?: Maybe<Client>;
  clients?: Maybe<ClientConnection>;
  identityConnection?: Maybe<IdentityConnection>;
  identityConnections?: Maybe<IdentityConnectionConnection>;
  node?: Maybe<Node>;
  /** Exactly one of `organizationId` and `name`. */
  organization?: Maybe<Organization>;
  organizations?: Maybe<OrganizationConnection>;
  role?: Maybe<Role>;
  roles?: Maybe<RoleConnection>;
  tenantStats: TenantStats;
  /** Batched with the request's other lookups into one search; ids the index lacks are read directly. */
  user?: Maybe<User>;
  users?: Maybe<UserConnection>;
  /** Every account with this address, ignoring case: one person may have several (one per connection). */
  usersByEmail?: Maybe<Array<User>>;
};


export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


export type QueryClientArgs = {
  clientId: Scalars['String']['input'];
};


export type QueryClientsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  appType?: InputMaybe<Array<Scalars['String']['input']>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  isFirstParty?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryIdentityConnectionArgs = {
  connectionId: Scalars['String']['input'];
};


export type QueryIdentityConnectionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  strategy?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrganizationArgs = {
  name?: InputMaybe<Scalars['String']['input']>;
  organizationId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRoleArgs = {
  roleId: Scalars['String']['input'];
};


export type QueryRolesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  nameFilter?: InputMaybe<Scalars['String']['input']>;
};


export type QueryUserArgs = {
  userId: Scalars['String']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  connection?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  sort?: InputMaybe<UserSort>;
  updatedSince?: InputMaybe<Scalars['DateTime']['input']>;
};


export type QueryUsersByEmailArgs = {
  email: Scalars['String']['input'];
};

export type Role = Node & {
  __typename?: 'Role';
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  permissions?: Maybe<PermissionConnection>;
  roleId: Scalars['String']['output'];
  users?: Maybe<UserConnection>;
};


export type RolePermissionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type RoleUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type RoleConnection = {
  __typename?: 'RoleConnection';
  edges: Array<RoleEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type RoleEdge = {
  __typename?: 'RoleEdge';
  cursor: Scalars['String']['output'];
  node: Role;
};

export type TenantStats = {
  __typename?: 'TenantStats';
  /** Auth0's own monthly-active figure: users who logged in during the last 30 days. */
  activeUsers?: Maybe<Scalars['Int']['output']>;
  /** Days with activity, `from` and `to` inclusive. */
  daily?: Maybe<Array<DailyStats>>;
};


export type TenantStatsDailyArgs = {
  from: Scalars['Date']['input'];
  to: Scalars['Date']['input'];
};

export type User = Node & {
  __typename?: 'User';
  appMetadata?: Maybe<Scalars['JSON']['output']>;
  blocked?: Maybe<Scalars['Boolean']['output']>;
  /** The primary identity's connection name. */
  connection?: Maybe<Scalars['String']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  familyName?: Maybe<Scalars['String']['output']>;
  givenName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identities: Array<UserIdentity>;
  lastLogin?: Maybe<Scalars['DateTime']['output']>;
  lastPasswordReset?: Maybe<Scalars['DateTime']['output']>;
  loginsCount?: Maybe<Scalars['Int']['output']>;
  multifactor?: Maybe<Array<Scalars['String']['output']>>;
  name?: Maybe<Scalars['String']['output']>;
  nickname?: Maybe<Scalars['String']['output']>;
  organizations?: Maybe<OrganizationConnection>;
  permissions?: Maybe<PermissionConnection>;
  phoneNumber?: Maybe<Scalars['String']['output']>;
  phoneVerified?: Maybe<Scalars['Boolean']['output']>;
  picture?: Maybe<Scalars['String']['output']>;
  /** Tenant-level roles. */
  roles?: Maybe<RoleConnection>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  userId: Scalars['String']['output'];
  userMetadata?: Maybe<Scalars['JSON']['output']>;
  username?: Maybe<Scalars['String']['output']>;
};


export type UserOrganizationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type UserPermissionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type UserRolesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
  /** Counted by Auth0; asked for only when selected. */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
};

/** A linked identity; identity-provider tokens are never read. */
export type UserIdentity = {
  __typename?: 'UserIdentity';
  connection: Scalars['String']['output'];
  isSocial?: Maybe<Scalars['Boolean']['output']>;
  provider: Scalars['String']['output'];
  userId: Scalars['String']['output'];
};

/** CREATED_AT sorts page past Auth0’s 1,000-match cap; the others stop there. */
export enum UserSort {
  CreatedAtAsc = 'CREATED_AT_ASC',
  CreatedAtDesc = 'CREATED_AT_DESC',
  EmailAsc = 'EMAIL_ASC',
  EmailDesc = 'EMAIL_DESC',
  LastLoginAsc = 'LAST_LOGIN_ASC',
  LastLoginDesc = 'LAST_LOGIN_DESC',
  NameAsc = 'NAME_ASC',
  NameDesc = 'NAME_DESC',
  UpdatedAtAsc = 'UPDATED_AT_ASC',
  UpdatedAtDesc = 'UPDATED_AT_DESC'
}

export type _Entity = Client | Organization | User;

export type _Service = {
  __typename?: '_Service';
  /** The sdl representing the federated service capabilities. Includes federation directives, removes federation types, and includes rest of full schema after schema directives have been applied */
  sdl?: Maybe<Scalars['String']['output']>;
};

export type OrganizationMembersWithRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type OrganizationMembersWithRolesQuery = { __typename?: 'Query', organizations?: { __typename?: 'OrganizationConnection', edges: Array<{ __typename?: 'OrganizationEdge', node: { __typename?: 'Organization', name: string, members?: { __typename?: 'OrganizationMemberConnection', edges: Array<{ __typename?: 'OrganizationMemberEdge', node: { __typename?: 'OrganizationMember', userId: string, email?: string | null, name?: string | null, roles: Array<{ __typename?: 'Role', name: string }> } }> } | null } }> } | null };

export type SeatsLiveQueryVariables = Exact<{ [key: string]: never; }>;


export type SeatsLiveQuery = { __typename?: 'Query', organizations?: { __typename?: 'OrganizationConnection', edges: Array<{ __typename?: 'OrganizationEdge', node: { __typename?: 'Organization', organizationId: string, name: string, memberCount?: number | null } }> } | null };

export type SeatsPerOrganizationQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SeatsPerOrganizationQuery = { __typename?: 'Query', organizations?: { __typename?: 'OrganizationConnection', edges: Array<{ __typename?: 'OrganizationEdge', node: { __typename?: 'Organization', organizationId: string, name: string, displayName?: string | null, memberCount?: number | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | null, tenantStats: { __typename?: 'TenantStats', activeUsers?: number | null } };

export type SeatsStreamedQueryVariables = Exact<{ [key: string]: never; }>;


export type SeatsStreamedQuery = { __typename?: 'Query', organizations?: { __typename?: 'OrganizationConnection', edges: Array<{ __typename?: 'OrganizationEdge', node: { __typename?: 'Organization', organizationId: string, name: string, memberCount?: number | null } }> } & ({ __typename?: 'OrganizationConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | { __typename?: 'OrganizationConnection', pageInfo?: never }) | null };

export type UserProfileQueryVariables = Exact<{
  userId: Scalars['String']['input'];
}>;


export type UserProfileQuery = { __typename?: 'Query', user?: { __typename?: 'User', userId: string, email?: string | null, name?: string | null, picture?: string | null, lastLogin?: any | null, loginsCount?: number | null, blocked?: boolean | null, identities: Array<{ __typename?: 'UserIdentity', connection: string, provider: string, isSocial?: boolean | null }>, organizations?: { __typename?: 'OrganizationConnection', edges: Array<{ __typename?: 'OrganizationEdge', node: { __typename?: 'Organization', organizationId: string, name: string } }> } | null, roles?: { __typename?: 'RoleConnection', edges: Array<{ __typename?: 'RoleEdge', node: { __typename?: 'Role', name: string } }> } | null } | null };


export const OrganizationMembersWithRolesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationMembersWithRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationMembersWithRolesQuery, OrganizationMembersWithRolesQueryVariables>;
export const SeatsLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SeatsLive"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"live"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SeatsLiveQuery, SeatsLiveQueryVariables>;
export const SeatsPerOrganizationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SeatsPerOrganization"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenantStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activeUsers"}}]}}]}}]} as unknown as DocumentNode<SeatsPerOrganizationQuery, SeatsPerOrganizationQueryVariables>;
export const SeatsStreamedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SeatsStreamed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"stream"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"memberCount"}}]}}]}},{"kind":"InlineFragment","directives":[{"kind":"Directive","name":{"kind":"Name","value":"defer"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SeatsStreamedQuery, SeatsStreamedQueryVariables>;
export const UserProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"picture"}},{"kind":"Field","name":{"kind":"Name","value":"lastLogin"}},{"kind":"Field","name":{"kind":"Name","value":"loginsCount"}},{"kind":"Field","name":{"kind":"Name","value":"blocked"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connection"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"isSocial"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<UserProfileQuery, UserProfileQueryVariables>;