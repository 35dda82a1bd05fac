// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ThreadMessage } from '../../../../shared/contract';
import type { Attachment } from '../../../../shared/domain';
import { AppUnderTest } from '../../testing/app-under-test';
import { message } from '../../testing/fixtures';
import { signedIn } from '../../testing/workstation-harness';
import { MessageItem } from '../thread/MessageItem';

let app: AppUnderTest;

const file = (over: Partial<Attachment> & { fileId: string }): Attachment => ({
  kind: 'image',
  mediaId: null,
  url: null,
  mimeType: 'image/jpeg',
  fileName: `${over.fileId}.jpg`,
  size: 2048,
  caption: null,
  latitude: null,
  longitude: null,
  label: null,
  state: 'ready',
  ...over,
});

const withFile = (id: string, attachment: Attachment): ThreadMessage => message({ id, conversationId: 'c1', body: '[Photo]', attachment });

function renderThread(messages: ThreadMessage[]) {
  app.stores.thread.getState().setLoaded('c1', messages);
  render(
    <ul>
      {messages.map((m) => (
        <MessageItem key={m.id} message={m} />
      ))}
    </ul>,
    { wrapper: app.wrapper },
  );
}

beforeEach(() => {
  app = new AppUnderTest('en');
  app.signIn(signedIn);
  app.fake.answer('attachments.url', ({ fileId, variant }) => ({
    url: `http://files.test/api/files/${fileId}${variant === 'playable' ? '?v=playable' : ''}`,
    expiresAt: '2025-01-01T10:05:00.000Z',
  }));
});

afterEach(() => cleanup());

describe('a customer\'s files in the thread', () => {
  it('a stored photo shows as a thumbnail from its signed link and opens in the viewer, which zooms, rotates, pages and closes with Esc', async () => {
    renderThread([withFile('m1', file({ fileId: 'f1' })), withFile('m2', file({ fileId: 'f2' }))]);
    const thumbs = await screen.findAllByRole('button', { name: /Open image/ });
    await waitFor(() => expect(thumbs[0]!.querySelector('img')?.getAttribute('src')).toBe('http://files.test/api/files/f1'));

    await userEvent.click(thumbs[0]!);
    const viewer = screen.getByRole('dialog', { name: app.t('viewer.imageTitle', { name: 'f1.jpg', index: 1, count: 2 }) });
    expect((await within(viewer).findByTestId('viewer-image')).getAttribute('src')).toBe('http://files.test/api/files/f1');
    expect(within(viewer).getByRole('button', { name: app.t('viewer.previous') }).getAttribute('aria-disabled')).toBe('true');

    await userEvent.click(within(viewer).getByRole('button', { name: app.t('viewer.zoomIn') }));
    expect(within(viewer).getByTestId('viewer-zoom').textContent).toBe('150%');
    await userEvent.click(within(viewer).getByRole('button', { name: app.t('viewer.rotate') }));
    expect(within(viewer).getByTestId('viewer-image').getAttribute('data-rotation')).toBe('90');

    await userEvent.click(within(viewer).getByRole('button', { name: app.t('viewer.next') }));
    await waitFor(() => expect(within(viewer).getByTestId('viewer-image').getAttribute('src')).toBe('http://files.test/api/files/f2'));
    expect(viewer.getAttribute('aria-labelledby')).toBeTruthy();
    expect(screen.getByRole('dialog').textContent).toContain(app.t('viewer.imageTitle', { name: 'f2.jpg', index: 2, count: 2 }));
    expect(within(viewer).getByTestId('viewer-zoom').textContent).toBe('100%');

    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a PDF shows a card that opens it framed in the viewer', async () => {
    renderThread([withFile('m1', file({ fileId: 'p1', kind: 'document', mimeType: 'application/pdf', fileName: 'receipt.pdf' }))]);
    const card = screen.getByTestId('file-card');
    expect(card.textContent).toContain('receipt.pdf');
    await userEvent.click(within(card).getByRole('button', { name: app.t('file.open') }));
    const viewer = screen.getByRole('dialog', { name: 'receipt.pdf' });
    expect((await within(viewer).findByTestId('viewer-pdf')).getAttribute('src')).toBe('http://files.test/api/files/p1');
  });

  it('a voice note plays the playable copy when the server has one', async () => {
    renderThread([withFile('m1', file({ fileId: 'v1', kind: 'voice', mimeType: 'audio/amr', playable: true }))]);
    const player = await screen.findByTestId('file-audio');
    expect(player.getAttribute('src')).toBe('http://files.test/api/files/v1?v=playable');
    expect(player.hasAttribute('controls')).toBe(true);
  });

  it('another file has a download link, and files not there yet say so in words', async () => {
    renderThread([
      withFile('m1', file({ fileId: 'd1', kind: 'document', mimeType: 'application/zip', fileName: 'logs.zip' })),
      withFile('m2', file({ fileId: 'd2', state: 'pending' })),
      withFile('m3', file({ fileId: 'd3', state: 'failed' })),
    ]);
    const link = await screen.findByRole('link', { name: app.t('file.download') });
    expect(link.getAttribute('href')).toBe('http://files.test/api/files/d1');
    expect(screen.getByText(app.t('file.pending'))).toBeTruthy();
    expect(screen.getByText(app.t('file.failed'))).toBeTruthy();
  });
});
