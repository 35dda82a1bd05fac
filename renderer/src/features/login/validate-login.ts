import { contractMethods } from '../../../../shared/contract';
import { checkServerUrl } from '../../../../shared/server-url';
import type { MessageKey } from '../../i18n/en';

export { DEFAULT_SERVER_URL } from '../../../../shared/defaults';

/** Checks the form before calling the core, so mistakes read as sentences, not schema paths. */
export function validateLogin(values: { serverUrl: string; email: string; password: string }): MessageKey | null {
  const parsed = contractMethods['session.login'].args.safeParse(values);
  const address = checkServerUrl(values.serverUrl);
  if (!address.ok && address.code === 'insecure_server') return 'error.insecure_server';
  if (!address.ok || (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'serverUrl'))) return 'login.invalidServerUrl';
  if (!values.email.trim()) return 'login.emailRequired';
  if (!values.password) return 'login.passwordRequired';
  return null;
}
