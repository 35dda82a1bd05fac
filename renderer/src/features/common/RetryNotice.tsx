import { useT } from '../../i18n/use-t';

interface RetryNoticeProps {
  /** What failed and why, in words. */
  message: string;
  /** Shown on hover: the error's own message. */
  title?: string;
  testId?: string;
  disabled?: boolean;
  onRetry(): void;
}

/** A failed load, announced, with a button that tries again. */
export function RetryNotice({ message, title, testId, disabled, onRetry }: RetryNoticeProps) {
  const t = useT();
  return (
    <div className="pane-notice" role="alert" title={title} data-testid={testId}>
      <p>{message}</p>
      <button type="button" className="button button-quiet" disabled={disabled} onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
