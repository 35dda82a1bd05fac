import { describe, expect, it } from 'vitest';
import { ReadReceipts } from './read-receipts';

describe('read receipts from the widget', () => {
  it('tell each newest mark once, only while the page is visible and connected, and again after a reconnect', () => {
    let newest = 0;
    let visible = true;
    let connected = true;
    const sent: number[] = [];
    const receipts = new ReadReceipts({ newestShown: () => newest, visible: () => visible, connected: () => connected, send: (s) => sent.push(s) });
    receipts.check();
    expect(sent).toEqual([]);
    newest = 5;
    receipts.check();
    receipts.check();
    expect(sent).toEqual([5]);
    visible = false;
    newest = 8;
    receipts.check();
    expect(sent).toEqual([5]);
    visible = true;
    receipts.check();
    expect(sent).toEqual([5, 8]);
    connected = false;
    newest = 9;
    receipts.check();
    connected = true;
    receipts.reconnected();
    expect(sent).toEqual([5, 8, 9]);
  });
});
