/**
 * The Ed25519 public key (PEM, SPKI) whose signatures the app accepts on update files. It is part
 * of app.asar, which the asar-integrity fuse protects; it is never taken from the environment.
 * null: this build installs no updates (a release sets its key here; `npm run sign:update --
 * --new-key` makes a pair).
 */
export const UPDATE_PUBLIC_KEY: string | null = null;
