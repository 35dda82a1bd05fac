import { z } from 'zod';
import { userSchema } from '../../shared/domain';
import type { StoredSettings } from './types';

export const defaultSettings: StoredSettings = { serverUrl: null, lastEmail: null, lastUser: null, notificationPreferences: {}, openAtLogin: false };

/** One agent's notification choices: a value of the wrong type reads as unset (the default applies). */
const choice = z.boolean().optional().catch(undefined);
const preferenceFields = z.object({ newConversations: choice, newMessages: choice, sound: choice, ticketSla: choice, mentions: choice });

function dropUnset(byUser: Record<string, Record<string, boolean | undefined>>): StoredSettings['notificationPreferences'] {
  return Object.fromEntries(
    Object.entries(byUser).map(([userId, choices]) => [
      userId,
      Object.fromEntries(Object.entries(choices).filter(([, value]) => value !== undefined)),
    ]),
  );
}

const fields = {
  serverUrl: z.string().nullable().catch(null),
  lastEmail: z.string().nullable().catch(null),
  lastUser: userSchema.nullable().catch(null),
  notificationPreferences: z.record(z.string(), preferenceFields.catch({})).catch({}),
  openAtLogin: z.boolean().catch(false),
};

/**
 * Reads settings from a file a person may have edited: each value of the wrong shape reads as
 * "not set" instead of reaching the core.
 */
export function readStoredSettings(raw: unknown): StoredSettings {
  const source = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    serverUrl: fields.serverUrl.parse(source['serverUrl'] ?? null),
    lastEmail: fields.lastEmail.parse(source['lastEmail'] ?? null),
    lastUser: fields.lastUser.parse(source['lastUser'] ?? null),
    notificationPreferences: dropUnset(fields.notificationPreferences.parse(source['notificationPreferences'] ?? {})),
    openAtLogin: fields.openAtLogin.parse(source['openAtLogin'] ?? false),
  };
}

export const settingsKeys = Object.keys(fields) as (keyof StoredSettings)[];
