/** Where failures nobody can answer (a background run, a push) are reported, with what was going on. */
export type ErrorLogger = (err: unknown, context: string) => void;
