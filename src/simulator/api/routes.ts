import type { RouteSpec } from './context.ts';
import { MEMBER_ROUTES } from './members.ts';
import { ORGANIZATION_ROUTES } from './organizations.ts';
import { USER_ROUTES } from './users.ts';

/** Every read endpoint, fixed segments before ids where templates overlap. */
export const ROUTES: readonly RouteSpec[] = [...USER_ROUTES, ...ORGANIZATION_ROUTES, ...MEMBER_ROUTES];
