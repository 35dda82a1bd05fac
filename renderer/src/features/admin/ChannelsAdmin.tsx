import { useEffect, useMemo, useState } from 'react';
import type { ChannelView } from '../../../../shared/channels';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useChannelAdmin } from '../../app/channel-admin-context';
import { describeError, type Translate } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { useChannelAdminStore } from '../../stores/channel-admin-store';
import { useSessionStore } from '../../stores/session-store';
import { ChannelBadge } from '../inbox/ChannelBadge';
import { ChannelForm } from './ChannelForm';
import { secretLabel, sortChannels } from './channel-form-logic';
import { WebhookUrls } from './WebhookUrls';
import { ConfirmDelete } from '../common/ConfirmDelete';
import { RetryNotice } from '../common/RetryNotice';
import { AdminSectionHeader } from './AdminSectionHeader';

/** Why deleting failed: a channel with conversations is switched off instead. */
function describeDeleteError(t: Translate, error: AppErrorShape): string {
  if (error.code === 'conflict' && error.details?.reason === 'has_conversations') return t('channels.deleteHasConversations');
  return describeError(t, error);
}

type Editing = { kind: 'add' } | { kind: 'edit'; id: string } | null;

/**
 * The channels customers reach the team on: each with its state, the secrets that are set (never
 * their values) and the webhook URLs to give the platform; add, change, switch off or delete
 * (deleting only a channel nobody wrote through; the rest are switched off). Read live from the
 * server, so it needs the connection.
 */
export function ChannelsAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const language = useLanguage();
  const controller = useChannelAdmin();
  const channels = useChannelAdminStore((s) => s.channels);
  const groups = useChannelAdminStore((s) => s.groups);
  const status = useChannelAdminStore((s) => s.status);
  const error = useChannelAdminStore((s) => s.error);
  const serverUrl = useSessionStore((s) => s.session?.serverUrl ?? null);
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; text: string; raw: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const sorted = useMemo(() => sortChannels(channels, language), [channels, language]);
  const edited = editing?.kind === 'edit' ? (channels.find((c) => c.id === editing.id) ?? null) : null;

  useEffect(() => {
    if (status === 'idle' && !offline) void controller.load();
  }, [status, offline, controller]);

  function startEdit(next: Editing) {
    setEditing(next);
    setDone(null);
    setRowError(null);
    setConfirming(null);
  }

  async function setEnabled(channel: ChannelView, enabled: boolean) {
    setBusy(channel.id);
    setRowError(null);
    setDone(null);
    try {
      await controller.save({ op: 'update', id: channel.id, changes: { enabled } });
      setDone(t(enabled ? 'channels.enabledDone' : 'channels.disabledDone', { name: channel.name }));
    } catch (err) {
      const e = toAppError(err).toJSON();
      setRowError({ id: channel.id, text: t('channels.saveFailed', { reason: describeError(t, e) }), raw: e.message });
    } finally {
      setBusy(null);
    }
  }

  async function remove(channel: ChannelView) {
    setBusy(channel.id);
    setRowError(null);
    setDone(null);
    try {
      await controller.remove(channel.id);
      setDone(t('channels.deleted', { name: channel.name }));
      if (editing?.kind === 'edit' && editing.id === channel.id) setEditing(null);
    } catch (err) {
      const e = toAppError(err).toJSON();
      setRowError({ id: channel.id, text: t('channels.deleteFailed', { name: channel.name, reason: describeDeleteError(t, e) }), raw: e.message });
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  const locked = offline || busy !== null;
  return (
    <section className="admin-section channels-admin" aria-labelledby="channels-heading" data-testid="admin-channels">
      <AdminSectionHeader headingId="channels-heading" title={t('channels.heading')} intro={t('channels.intro')}>
      {editing === null && (
        <button type="button" className="button button-primary" data-testid="channel-add" disabled={offline} onClick={() => startEdit({ kind: 'add' })}>
          {t('channels.addButton')}
        </button>
      )}
      </AdminSectionHeader>

      {offline && (
        <p className="view-notice" role="status" data-testid="channels-offline">
          {t('channels.offline')}
        </p>
      )}

      {editing !== null && (editing.kind === 'add' || edited) && (
        <ChannelForm
          key={editing.kind === 'add' ? 'add' : editing.id}
          channel={edited}
          groups={groups}
          offline={offline}
          onCancel={() => setEditing(null)}
          onDone={(saved, created) => {
            setEditing(null);
            setDone(t(created ? 'channels.added' : 'channels.saved', { name: saved.name }));
          }}
        />
      )}

      {done && (
        <p className="admin-success" role="status" data-testid="channels-done">
          {done}
        </p>
      )}

      {status === 'failed' && error && (
        <RetryNotice
          message={t('channels.loadFailed', { reason: describeError(t, error) })}
          title={error.message}
          disabled={offline}
          onRetry={() => void controller.load()}
        />
      )}
      {status === 'loading' && channels.length === 0 && (
        <p className="pane-empty" role="status">
          {t('channels.loading')}
        </p>
      )}
      {status === 'ready' && channels.length === 0 && <p className="pane-empty">{t('channels.empty')}</p>}

      {sorted.length > 0 && (
        <>
          <p className="dialog-muted dialog-hint">{t('channels.webhookHint')}</p>
          <ul className="channel-list" aria-label={t('channels.listLabel')}>
            {sorted.map((channel) => (
              <li
                key={channel.id}
                className="channel-row"
                data-testid={`channel-row-${channel.id}`}
                data-enabled={channel.enabled ? 'true' : 'false'}
                data-editing={editing?.kind === 'edit' && editing.id === channel.id ? 'true' : undefined}
              >
                <div className="channel-row-head">
                  <ChannelBadge kind={channel.kind} />
                  <span className="channel-name">{channel.name}</span>
                  <code className="channel-id">{channel.id}</code>
                  <span className="channel-state" data-testid="channel-state" data-enabled={channel.enabled ? 'true' : 'false'}>
                    {channel.enabled ? t('channels.on') : t('channels.off')}
                  </span>
                  {channel.source === 'file' && (
                    <span className="channel-source" title={t('channels.fromFileHint')}>
                      {t('channels.fromFile')}
                    </span>
                  )}
                  <div className="channel-row-actions">
                    {confirming === channel.id ? (
                      <ConfirmDelete
                        question={t('channels.confirmDelete', { name: channel.name })}
                        deleteText={busy === channel.id ? t('channels.deleting') : t('channels.delete')}
                        deleteTestId="channel-confirm-delete"
                        deleteDisabled={locked}
                        keepText={t('channels.keep')}
                        keepDisabled={busy !== null}
                        onDelete={() => void remove(channel)}
                        onKeep={() => setConfirming(null)}
                      />
                    ) : (
                      <>
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          data-testid="channel-edit"
                          aria-label={t('channels.editLabel', { name: channel.name })}
                          disabled={locked}
                          onClick={() => startEdit({ kind: 'edit', id: channel.id })}
                        >
                          {t('channels.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          data-testid="channel-toggle"
                          aria-label={t(channel.enabled ? 'channels.disableLabel' : 'channels.enableLabel', { name: channel.name })}
                          disabled={locked}
                          onClick={() => void setEnabled(channel, !channel.enabled)}
                        >
                          {channel.enabled ? t('channels.disable') : t('channels.enable')}
                        </button>
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          data-testid="channel-delete"
                          aria-label={t('channels.deleteLabel', { name: channel.name })}
                          disabled={locked}
                          onClick={() => {
                            setConfirming(channel.id);
                            setRowError(null);
                          }}
                        >
                          {t('channels.delete')}
                        </button>
                      </>
                    )}
                  </div>
                </div>
                <p className="channel-secrets">
                  {channel.secretsSet.length > 0
                    ? t('channels.secretsSetList', { names: channel.secretsSet.map((name) => t(secretLabel(name))).join(', ') })
                    : t('channels.noSecretsSet')}
                </p>
                <WebhookUrls channelId={channel.id} webhooks={channel.webhooks} serverUrl={serverUrl} />
                {rowError?.id === channel.id && (
                  <p className="form-error" role="alert" title={rowError.raw} data-testid="channel-row-error">
                    {rowError.text}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
