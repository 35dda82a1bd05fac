import { toAppError, type AppErrorShape } from '../../../shared/errors';

/** A store that shows one thing read from the client core as loading, loaded or failed. */
export interface LoadTarget<T> {
  setLoading(): void;
  setLoaded(value: T): void;
  setFailed(error: AppErrorShape): void;
}

/**
 * Reads a value into a store: loading first, then loaded or failed. When `isCurrent` says a newer
 * read has started meanwhile, this one's answer is dropped.
 */
export async function loadIntoStore<T>(
  store: () => LoadTarget<T>,
  read: () => Promise<T>,
  isCurrent: () => boolean = () => true,
): Promise<void> {
  store().setLoading();
  try {
    const value = await read();
    if (isCurrent()) store().setLoaded(value);
  } catch (err) {
    if (isCurrent()) store().setFailed(toAppError(err).toJSON());
  }
}
