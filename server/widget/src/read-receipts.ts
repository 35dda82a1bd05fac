/** What the read receipts need from the page. */
export type ReadReceiptParts = {
  /** The newest message from the shop on screen (0: none). */
  newestShown(): number;
  /** Whether the customer can see the page (the tab is visible). */
  visible(): boolean;
  connected(): boolean;
  /** Tells the server how far the customer has seen the conversation. */
  send(upToSeq: number): void;
};

/**
 * Tells the agents when the customer has seen their replies: only while the page is visible and
 * connected, each mark once (a reconnect says the latest again, in case the last one was lost).
 */
export class ReadReceipts {
  private told = 0;

  constructor(private readonly parts: ReadReceiptParts) {}

  /** Something was shown, the page became visible or the chat connected: tells the newest mark if new. */
  check(): void {
    const { newestShown, visible, connected, send } = this.parts;
    const newest = newestShown();
    if (newest <= this.told || !visible() || !connected()) return;
    this.told = newest;
    send(newest);
  }

  /** After a reconnect the server may not have heard the last mark: it is said again. */
  reconnected(): void {
    this.told = 0;
    this.check();
  }
}
