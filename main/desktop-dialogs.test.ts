import { describe, expect, it } from 'vitest';
import { translator } from '../shared/i18n/desktop';
import { askToRestartForUpdate, askToStoreWithWeakKeyring, type MessageBoxLike } from './desktop-dialogs';

/** A dialog that records what it showed and answers with the given button. */
function answering(response: number) {
  const shown: Parameters<MessageBoxLike['showMessageBox']>[0][] = [];
  const dialog: MessageBoxLike = {
    showMessageBox: async (options) => {
      shown.push(options);
      return { response };
    },
  };
  return { dialog, shown };
}

describe('desktop dialogs', () => {
  it('keep secrets in memory unless the person explicitly stores them on a weak keyring', async () => {
    const declined = answering(0);
    expect(await askToStoreWithWeakKeyring(declined.dialog, translator('en'))).toBe(false);
    expect(declined.shown[0]).toMatchObject({
      buttons: ['Keep for this run only', 'Store anyway (weak protection)'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(await askToStoreWithWeakKeyring(answering(1).dialog, translator('en'))).toBe(true);
    const zh = answering(0);
    await askToStoreWithWeakKeyring(zh.dialog, translator('zh-CN'));
    expect(zh.shown[0]?.buttons).toEqual(['仅本次运行保留', '仍然保存（保护较弱）']);
  });

  it('restart into an update only when the person says so, naming the version', async () => {
    const later = answering(0);
    expect(await askToRestartForUpdate(later.dialog, translator('en'), '1.2.3')).toBe(false);
    expect(later.shown[0]?.message).toBe('Switchboard 1.2.3 is downloaded and its signature checked.');
    expect(later.shown[0]?.cancelId).toBe(0);
    expect(await askToRestartForUpdate(answering(1).dialog, translator('zh-CN'), '1.2.3')).toBe(true);
  });
});
