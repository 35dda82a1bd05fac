import type { Translate } from '../shared/i18n/desktop';

/** The part of Electron's dialog module the shell's questions use. */
export interface MessageBoxLike {
  showMessageBox(options: {
    type: 'warning' | 'question';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: boolean;
  }): Promise<{ response: number }>;
}

/**
 * Asks whether to keep sign-in secrets on disk although the keyring is only a fixed key. Closing
 * the dialog or pressing Escape keeps them in memory for this run: true only on an explicit yes.
 */
export async function askToStoreWithWeakKeyring(dialog: MessageBoxLike, t: Translate): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: t('desktop.keyring.title'),
    message: t('desktop.keyring.message'),
    detail: t('desktop.keyring.detail'),
    buttons: [t('desktop.keyring.memoryOnly'), t('desktop.keyring.storeAnyway')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}

/** Asks before restarting into a downloaded, verified update; anything but "Restart now" waits. */
export async function askToRestartForUpdate(dialog: MessageBoxLike, t: Translate, version: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: t('desktop.update.title'),
    message: t('desktop.update.message', { version }),
    detail: t('desktop.update.detail'),
    buttons: [t('desktop.update.later'), t('desktop.update.restart')],
    defaultId: 1,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}
