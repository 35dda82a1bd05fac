// The message keys, for components that name one; the catalogues live in shared/i18n.
export type { Dictionary, MessageKey } from '../../../shared/i18n/en';
