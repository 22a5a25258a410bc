import { z } from 'zod';

/**
 * What the change feed reads off the wire: tenant log entries (polled, or pushed by a Log Stream) and Event
 * Streams CloudEvents (docs/auth0-api.md#how-a-tenant-reports-changes). Only the fields a change's mapping needs are kept;
 * many are `null` rather than absent, and anything else is tolerated.
 */
const nullableId = z.string().nullish().transform((value) => (value === null || value === '' ? undefined : value));

export const logEntrySchema = z
  .object({
    log_id: z.string().optional(),
    _id: z.string().optional(),
    date: z.string().nullish(),
    type: z.string(),
    user_id: nullableId,
    organization_id: nullableId,
    details: z.unknown().optional(),
  })
  .transform(({ log_id, _id, date, type, user_id, organization_id, details }, context) => {
    const id = log_id ?? _id;
    if (id === undefined) {
      context.addIssue({ code: 'custom', message: 'a log entry without log_id' });
      return z.NEVER;
    }
    const time = date === null || date === undefined ? Number.NaN : Date.parse(date);
    return { id, date: Number.isNaN(time) ? undefined : time, type, userId: user_id, organizationId: organization_id, details };
  });

export type LogEntry = z.output<typeof logEntrySchema>;

/** The request a `sapi` entry records; its inner names are not confirmed, so anything else is unparsed. */
export const sapiRequestSchema = z.object({
  request: z.object({ method: z.string(), path: z.string(), body: z.unknown().optional() }),
});

/** A polled page: a bare array in checkpoint mode. */
export const logPageSchema = z.array(z.unknown());

/**
 * One Log Streams item: `{log_id, data}` with the entry in `data` (JSONARRAY, JSONLINES), or the entry itself
 * (JSONOBJECT and what other integrations forward). Parsed item by item, so one odd item spoils nothing else.
 */
export const logStreamItemSchema = z.union([
  z.object({ log_id: z.string(), data: z.record(z.string(), z.unknown()) }).transform(({ log_id, data }) => ({ log_id, ...data })),
  z.record(z.string(), z.unknown()),
]);

export const cloudEventSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  time: z.string().optional(),
  data: z.object({ object: z.unknown().optional() }).optional(),
});

export type CloudEvent = z.output<typeof cloudEventSchema>;
