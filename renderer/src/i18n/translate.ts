/*
 * The workstation's way into the shared catalogues (shared/i18n): components import the
 * translate function, the languages and the error sentences from here.
 */
export { dictionaries, translator, type Translate } from '../../../shared/i18n/desktop';
export { describeDraftReason, describeError, describeOfferError, describeTransferError, errorKey } from '../../../shared/i18n/error-text';
export type { Params } from '../../../shared/i18n/format-message';
export { isLanguage, languages, resolveInitialLanguage, type Language } from '../../../shared/i18n/languages';
export { systemLineText } from '../../../shared/i18n/system-line-text';
export { contactNameText } from '../../../shared/i18n/contact-name-text';
