import { useEffect, useState } from 'react';
import type { WebhookEndpoint } from '../../../../shared/channels';
import { useT } from '../../i18n/use-t';
import { webhookUrl } from './channel-form-logic';

/**
 * A channel's webhook URLs, full, each with a copy button: what the admin pastes into the
 * platform's console. The text stays selectable for when the clipboard cannot be written.
 */
export function WebhookUrls({ channelId, webhooks, serverUrl }: { channelId: string; webhooks: readonly WebhookEndpoint[]; serverUrl: string | null }) {
  const t = useT();
  const [copied, setCopied] = useState<{ index: number; ok: boolean } | null>(null);

  useEffect(() => {
    if (!copied) return;
    const handle = window.setTimeout(() => setCopied(null), 2500);
    return () => window.clearTimeout(handle);
  }, [copied]);

  if (webhooks.length === 0) return <p className="channel-webhooks-none">{t('channels.noWebhooks')}</p>;

  async function copy(index: number, url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied({ index, ok: true });
    } catch {
      setCopied({ index, ok: false });
    }
  }

  return (
    <ul className="channel-webhooks" aria-label={t('channels.webhooksOf', { id: channelId })}>
      {webhooks.map((hook, index) => {
        const url = webhookUrl(serverUrl, hook.path);
        return (
          <li key={`${hook.method} ${hook.path}`} className="channel-webhook" data-testid="channel-webhook">
            <span className="channel-webhook-method">{hook.method}</span>
            <code className="channel-webhook-url" data-testid="channel-webhook-url">
              {url}
            </code>
            <span className="channel-webhook-purpose">{t(`channels.webhookPurpose.${hook.purpose}`)}</span>
            <button
              type="button"
              className="button button-quiet button-small"
              data-testid="channel-webhook-copy"
              aria-label={t('channels.copyLabel', { url })}
              onClick={() => void copy(index, url)}
            >
              {copied?.index === index && copied.ok ? t('channels.copied') : t('channels.copy')}
            </button>
            {copied?.index === index && !copied.ok && (
              <span className="dialog-field-error" role="alert">
                {t('channels.copyFailed')}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
