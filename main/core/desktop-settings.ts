import type { ContractHandlers } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { LoginItem, SettingsStore } from './types';

/**
 * This machine's own settings: starting at login, kept in the settings store and applied through
 * the host's login item. A host without one (the browser host) says so and refuses the change.
 */
export function desktopSettingsHandlers(settings: SettingsStore, loginItem: LoginItem | undefined): Pick<ContractHandlers, 'desktop.get' | 'desktop.set'> {
  const current = () => ({ openAtLogin: loginItem ? settings.get().openAtLogin : false, openAtLoginAvailable: loginItem !== undefined });
  return {
    'desktop.get': async () => current(),
    'desktop.set': async ({ openAtLogin }) => {
      if (!loginItem) throw new AppError('bad_request', 'Starting at login is only available in the installed app.');
      loginItem.apply(openAtLogin);
      settings.set({ openAtLogin });
      return current();
    },
  };
}
