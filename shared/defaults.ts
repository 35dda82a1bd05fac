/** Where the embedded server listens unless PORT says otherwise, and where clients look first. */
export const DEFAULT_SERVER_PORT = 7340;
export const DEFAULT_SERVER_URL = `http://127.0.0.1:${DEFAULT_SERVER_PORT}`;
