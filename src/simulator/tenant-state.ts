import type {
  ClientRecord,
  ConnectionRecord,
  DailyStatsRecord,
  InvitationRecord,
  JsonObject,
  ManagementGrant,
  MembershipRecord,
  OrgConnectionRecord,
  OrganizationRecord,
  PermissionRef,
  ResourceServerRecord,
  RoleAssignment,
  RoleRecord,
  Tenant,
  UserRecord,
} from './tenant.ts';

/** The simulator's own writable view of the tenant; everyone else sees it as the read-only `Tenant`. */
export interface TenantState extends Tenant {
  users: UserRecord[];
  organizations: OrganizationRecord[];
  members: Map<string, MembershipRecord[]>;
  roles: RoleRecord[];
  rolePermissions: Map<string, PermissionRef[]>;
  roleUsers: Map<string, RoleAssignment[]>;
  userPermissions: Map<string, PermissionRef[]>;
  resourceServers: ResourceServerRecord[];
  clients: ClientRecord[];
  grants: ManagementGrant[];
  connections: ConnectionRecord[];
  orgConnections: Map<string, OrgConnectionRecord[]>;
  invitations: Map<string, InvitationRecord[]>;
  dailyStats: DailyStatsRecord[];
  activeUsers: number;
  settings: JsonObject;
}
