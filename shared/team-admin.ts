import { z } from 'zod';
import { displayNameForm } from './text/display-name';
import { businessHoursInputSchema, businessHoursSchema } from './business-hours';
import { idSchema, presenceSchema, roleSchema } from './domain';

/**
 * What admins manage in the team and settings screens: the account's users with their role,
 * capacity and skill groups, and the routing settings (the account's timings, each group's
 * capacity and business hours). The bounds live here once, for the server's checks and the
 * admin screen's messages alike.
 */

/** Inclusive bounds of every number an admin can set. */
export const ADMIN_BOUNDS = {
  /** Concurrent chats one agent carries. */
  maxChats: { min: 1, max: 50 },
  /** Idle time before the workstation sets an agent away: 1 minute to 8 hours. */
  autoAwaySeconds: { min: 60, max: 8 * 60 * 60 },
  /** How long a dropped agent keeps their chats: none to 1 hour. */
  reconnectGraceSeconds: { min: 0, max: 60 * 60 },
  /** How long an offered chat waits for the agent to accept: 5 seconds to 10 minutes. */
  acceptTimeoutSeconds: { min: 5, max: 10 * 60 },
  /** A skill group's limit of concurrent chats per agent. */
  maxChatsPerAgent: { min: 1, max: 50 },
  /** How long an agent who declined or missed an offer is passed over for it: none to 1 hour. */
  reofferCooldownSeconds: { min: 0, max: 60 * 60 },
  /** How long a customer waits for a person before supervisors are alerted: 1 minute to 8 hours. */
  escalateAfterSeconds: { min: 60, max: 8 * 60 * 60 },
  /** How long a group may have nobody with room before its waiting chats overflow: at once to 1 hour. */
  overflowAfterSeconds: { min: 0, max: 60 * 60 },
} as const;

/** A group's overflow target: another group's id, 'any' agent with room, or null (never overflows). */
export const overflowTargetSchema = z.union([z.literal('any'), idSchema]).nullable();
export type OverflowTargetSetting = z.infer<typeof overflowTargetSchema>;

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_USER_NAME_LENGTH = 80;

const bounded = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);

/** A user of the account as the team screen shows them. */
export const managedUserSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  maxChats: z.number().int().positive(),
  groupIds: z.array(idSchema),
  presence: presenceSchema,
  /** False once deactivated: they can no longer sign in and get no chats. */
  active: z.boolean(),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

/** A skill group with its routing settings. */
export const managedGroupSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** The most chats one agent carries in this group; null: only the agent's own limit applies. */
  maxChatsPerAgent: z.number().int().positive().nullable(),
  /** Null: always open. */
  businessHours: businessHoursSchema.nullable(),
  /** Seconds with nobody in the group with room before its waiting chats overflow. */
  overflowAfterSeconds: z.number().int().nonnegative(),
  overflowTarget: overflowTargetSchema,
});
export type ManagedGroup = z.infer<typeof managedGroupSchema>;

/** The account's routing timings. */
export const routingSettingsSchema = z.object({
  autoAwaySeconds: z.number().int().positive(),
  reconnectGraceSeconds: z.number().int().nonnegative(),
  acceptTimeoutSeconds: z.number().int().positive(),
  reofferCooldownSeconds: z.number().int().nonnegative(),
  escalateAfterSeconds: z.number().int().positive(),
});
export type RoutingSettings = z.infer<typeof routingSettingsSchema>;

// Stored and shown in its display form: no invisible characters that disguise a colleague's name.
const userName = z.string().overwrite(displayNameForm).min(1).max(MAX_USER_NAME_LENGTH);
const groupIds = z.array(idSchema).max(50).refine((ids) => new Set(ids).size === ids.length, 'a group is listed twice');

/** Changes to one user: only the fields given change. `active: false` deactivates them. */
export const userSaveSchema = z
  .object({
    id: idSchema,
    name: userName.optional(),
    role: roleSchema.optional(),
    maxChats: bounded(ADMIN_BOUNDS.maxChats).optional(),
    groupIds: groupIds.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UserSave = z.input<typeof userSaveSchema>;

/** A new user with the password they first sign in with. */
export const userCreateSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    name: userName,
    role: roleSchema,
    password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
    maxChats: bounded(ADMIN_BOUNDS.maxChats).optional(),
    groupIds: groupIds.optional(),
  })
  .strict();
export type UserCreate = z.input<typeof userCreateSchema>;

/** Changes to one skill group's routing settings: only the fields given change. */
export const groupSettingsSaveSchema = z
  .object({
    id: idSchema,
    maxChatsPerAgent: bounded(ADMIN_BOUNDS.maxChatsPerAgent).nullable().optional(),
    businessHours: businessHoursInputSchema.nullable().optional(),
    overflowAfterSeconds: bounded(ADMIN_BOUNDS.overflowAfterSeconds).optional(),
    overflowTarget: overflowTargetSchema.optional(),
  })
  .strict();

/** Changes to the routing settings: only the fields (and groups) given change. */
export const settingsSaveSchema = z
  .object({
    autoAwaySeconds: bounded(ADMIN_BOUNDS.autoAwaySeconds).optional(),
    reconnectGraceSeconds: bounded(ADMIN_BOUNDS.reconnectGraceSeconds).optional(),
    acceptTimeoutSeconds: bounded(ADMIN_BOUNDS.acceptTimeoutSeconds).optional(),
    reofferCooldownSeconds: bounded(ADMIN_BOUNDS.reofferCooldownSeconds).optional(),
    escalateAfterSeconds: bounded(ADMIN_BOUNDS.escalateAfterSeconds).optional(),
    groups: z
      .array(groupSettingsSaveSchema)
      .max(200)
      .refine((groups) => new Set(groups.map((g) => g.id)).size === groups.length, 'a group is listed twice')
      .optional(),
  })
  .strict();
export type SettingsSave = z.input<typeof settingsSaveSchema>;

/** The routing settings screen: the account's timings and every skill group's. */
export const routingSettingsViewSchema = z.object({ settings: routingSettingsSchema, groups: z.array(managedGroupSchema) });
export type RoutingSettingsView = z.infer<typeof routingSettingsViewSchema>;

/** The team screen: every user (deactivated ones too) and the skill groups they can be put in. */
export const teamViewSchema = z.object({ users: z.array(managedUserSchema), groups: z.array(managedGroupSchema) });
export type TeamView = z.infer<typeof teamViewSchema>;
