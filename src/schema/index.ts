import './user.ts';
import './organization.ts';
import './member.ts';
import './role.ts';
import './permission.ts';
import './client.ts';
import './identity-connection.ts';
import './tenant-stats.ts';
import { builder } from './builder.ts';

export const schema = builder.toSchema();
