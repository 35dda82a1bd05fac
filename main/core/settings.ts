import { z } from 'zod';
import { userSchema } from '../../shared/domain';
import type { StoredSettings } from './types';

export const defaultSettings: StoredSettings = { serverUrl: null, lastEmail: null, lastUser: null };

const fields = {
  serverUrl: z.string().nullable().catch(null),
  lastEmail: z.string().nullable().catch(null),
  lastUser: userSchema.nullable().catch(null),
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
  };
}

export const settingsKeys = Object.keys(fields) as (keyof StoredSettings)[];
