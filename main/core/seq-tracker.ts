/**
 * Tracks which sequence numbers have been applied. The cursor is the highest number below which
 * nothing is missing; numbers seen above it wait until the hole under them is filled.
 */
export class SeqTracker {
  private seen = new Set<number>();

  constructor(public cursor: number) {}

  reset(cursor: number): void {
    this.cursor = cursor;
    this.seen.clear();
  }

  /** Records one applied number; answers whether the cursor moved. */
  see(seq: number): boolean {
    if (seq <= this.cursor) return false;
    this.seen.add(seq);
    return this.advance();
  }

  /** A catch-up page covered everything up to `cursor`. */
  jumpTo(cursor: number): void {
    if (cursor > this.cursor) this.cursor = cursor;
    for (const seq of this.seen) if (seq <= this.cursor) this.seen.delete(seq);
    this.advance();
  }

  hasGap(): boolean {
    return this.seen.size > 0;
  }

  private advance(): boolean {
    const before = this.cursor;
    while (this.seen.delete(this.cursor + 1)) this.cursor += 1;
    return this.cursor !== before;
  }
}
