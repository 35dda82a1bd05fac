// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DialogFrame } from './DialogFrame';

afterEach(cleanup);

function frame(testId: string, onClose = () => undefined) {
  return (
    <DialogFrame testId={testId} titleId={`${testId}-title`} title={testId} closeLabel="Close" busy={false} onClose={onClose}>
      <button type="button">inside {testId}</button>
    </DialogFrame>
  );
}

describe('DialogFrame', () => {
  it('keeps the focus while open: a field outside that takes it hands it back, and Esc still closes', async () => {
    const onClose = vi.fn();
    render(
      <>
        <input aria-label="reply" />
        {frame('sheet', onClose)}
      </>,
    );
    const dialog = screen.getByTestId('sheet');
    expect(document.activeElement).toBe(dialog);
    // A pane that finished loading focuses its field behind the dialog.
    screen.getByLabelText('reply').focus();
    expect(document.activeElement).toBe(dialog);
    await userEvent.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('only the top-most dialog keeps the focus', () => {
    render(
      <>
        {frame('below')}
        {frame('above')}
      </>,
    );
    const inside = screen.getByRole('button', { name: 'inside above' });
    inside.focus();
    expect(document.activeElement).toBe(inside);
    screen.getByRole('button', { name: 'inside below' }).focus();
    expect(document.activeElement).toBe(screen.getByTestId('above'));
  });
});
