import type { MemberSource, OrganizationSource, RoleSource, UserSource } from '../resolvers/sources.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';

// Users, organizations, members and roles point at one another (a member has a user, an organization and
// roles; a role lists users; a user lists organizations and roles). Their refs live here, below the type files
// that implement them, so those files import this one and never each other.

export const UserRef = builder.objectRef<UserSource>('User');
export const OrganizationRef = builder.objectRef<OrganizationSource>('Organization');
export const MemberRef = builder.objectRef<MemberSource>('OrganizationMember');
export const RoleRef = builder.objectRef<RoleSource>('Role');

export const UserConnectionRef = connectionType('User', UserRef, { counts: true });
export const OrganizationConnectionRef = connectionType('Organization', OrganizationRef, { counts: true });
export const MemberConnectionRef = connectionType('OrganizationMember', MemberRef, { counts: true });
export const RoleConnectionRef = connectionType('Role', RoleRef, { counts: true });
