/**
 * `npm run sign:update -- dist/Switchboard-1.2.0.AppImage …`: writes `<file>.sig` beside each
 * update file, signed with the release's Ed25519 private key (PEM) from the file named by
 * SWITCHBOARD_UPDATE_SIGNING_KEY_FILE. Upload the .sig files to the feed with the builds: the app
 * installs nothing whose signature is missing or wrong.
 *
 * `npm run sign:update -- --new-key <folder>`: makes a key pair there (private.pem 0600,
 * public.pem); put public.pem's text in main/update-public-key.ts.
 */
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signUpdateFile } from '../main/update-signature';

async function main(args: string[]): Promise<number> {
  if (args[0] === '--new-key') {
    const folder = args[1];
    if (!folder) throw new Error('Name the folder for the new key pair: --new-key <folder>');
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(join(folder, 'private.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    writeFileSync(join(folder, 'public.pem'), publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
    console.log(`Wrote ${join(folder, 'private.pem')} (keep it secret) and ${join(folder, 'public.pem')}.`);
    return 0;
  }
  const keyFile = process.env['SWITCHBOARD_UPDATE_SIGNING_KEY_FILE'];
  if (!keyFile) throw new Error('Set SWITCHBOARD_UPDATE_SIGNING_KEY_FILE to the release private key (PEM).');
  if (args.length === 0) throw new Error('Name the update files to sign.');
  const key = createPrivateKey(readFileSync(keyFile));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('The release signing key must be an Ed25519 key.');
  for (const file of args) {
    writeFileSync(`${file}.sig`, `${await signUpdateFile(file, key)}\n`);
    console.log(`Signed ${file}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
