import type { OrganizationRecord, RoleRecord, UserRecord } from './tenant.ts';

/**
 * What a write changed, in the terms Event Streams report it (docs/auth0-api.md#what-each-write-logs). Logins
 * and tenant role assignments have no event type, so they make no change here; only the log reports them.
 */
export type TenantChange =
  | { readonly type: 'user.created' | 'user.updated' | 'user.deleted'; readonly user: UserRecord; readonly atMs: number }
  | { readonly type: 'organization.updated'; readonly organization: OrganizationRecord; readonly atMs: number }
  | {
      readonly type: 'organization.member.added' | 'organization.member.deleted';
      readonly organization: OrganizationRecord;
      readonly userId: string;
      readonly atMs: number;
    }
  | {
      readonly type: 'organization.member.role.assigned' | 'organization.member.role.deleted';
      readonly organization: OrganizationRecord;
      readonly userId: string;
      readonly role: RoleRecord;
      readonly atMs: number;
    };

export type ChangeListener = (change: TenantChange) => void;
