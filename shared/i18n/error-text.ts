import { errorCodes, type AppErrorShape, type ErrorCode } from '../errors';
import type { Translate } from './desktop';
import type { MessageKey } from './en';

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (errorCodes as readonly string[]).includes(code);
}

/** The sentence a person reads for an error code; unknown codes read as `internal`. */
export function errorKey(code: string): MessageKey {
  return `error.${isErrorCode(code) ? code : 'internal'}`;
}

type ErrorLike = Pick<AppErrorShape, 'code'> & { details?: Readonly<Record<string, string>> | undefined };

/** A detail the sentence may name, or null when it is missing or blank. */
function detail(error: ErrorLike, name: string): string | null {
  const value = error.details?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A human sentence for any error the UI caught; details it names are filled in when present. */
export function describeError(t: Translate, error: ErrorLike | null | undefined): string {
  if (error?.code === 'reassigned') {
    const assigneeName = detail(error, 'assigneeName');
    if (assigneeName) return t('error.reassignedTo', { assigneeName });
  }
  if (error?.code === 'sensitive_blocked') return t('error.sensitive_blocked', { words: detail(error, 'words') ?? '' });
  if (error?.code === 'attachment_too_large') return t('error.attachment_too_large', { channel: detail(error, 'channel') ?? '', maxSize: detail(error, 'maxSize') ?? '' });
  if (error?.code === 'attachment_type_refused') return t('error.attachment_type_refused', { channel: detail(error, 'channel') ?? '', type: detail(error, 'type') ?? '' });
  if (error?.code === 'tag_archived') return t('error.tag_archived', { name: detail(error, 'name') ?? '' });
  return t(errorKey(error?.code ?? 'internal'));
}

/** The notice above the composer saying why text came back to it (a reply that was not sent). */
export function describeDraftReason(t: Translate, reason: ErrorLike): string {
  switch (reason.code) {
    case 'reassigned': {
      const assigneeName = detail(reason, 'assigneeName');
      return assigneeName ? t('draftReason.reassignedTo', { assigneeName }) : t('draftReason.reassigned');
    }
    case 'resolved':
      return t('draftReason.resolved');
    default:
      return t('draftReason.other', { reason: describeError(t, reason) });
  }
}

/** Why taking or passing on an offered chat failed: an offer that ended reads as such. */
export function describeOfferError(t: Translate, error: ErrorLike): string {
  // The server answers forbidden when the chat is no longer offered to this agent, conflict when
  // the offer ran out first.
  if (error.code === 'forbidden' || error.code === 'conflict') return t('offer.gone');
  return describeError(t, error);
}

/** Why a transfer failed, naming the colleague when they went offline. */
export function describeTransferError(t: Translate, error: ErrorLike): string {
  if (error.code === 'conflict') {
    const agentName = detail(error, 'agentName');
    if (agentName) return t('transfer.agentOffline', { agentName });
  }
  if (error.code === 'forbidden') return t('transfer.notYours');
  return describeError(t, error);
}
