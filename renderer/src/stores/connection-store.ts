import { create } from 'zustand';
import type { ConnectionState } from '../../../shared/contract';

interface ConnectionStore {
  connection: ConnectionState | null;
  setConnection(connection: ConnectionState): void;
}

/** The client core's link to the server, from `connection.get` and `connection.changed`. */
export const createConnectionStore = () => create<ConnectionStore>((set) => ({
  connection: null,
  setConnection: (connection) => set({ connection }),
}));

/** The one the app uses. */
export const useConnectionStore = createConnectionStore();
