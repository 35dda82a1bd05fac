import { describe, expect, it } from 'vitest';
import { closedPicker, insertAtSlash, pickerAfterInput, pickerKey, slashToken } from './picker-state';

describe('the "/" picker', () => {
  it('opens on "/" at the start of the reply or after a space, never inside a word or an address', () => {
    expect(slashToken('/tk', 3)).toEqual({ start: 0, query: 'tk' });
    expect(slashToken('您好 /退', 5)).toEqual({ start: 3, query: '退' });
    expect(slashToken('/', 1)).toEqual({ start: 0, query: '' });
    expect(slashToken('and/or', 6)).toBeNull();
    expect(slashToken('http://example.com', 18)).toBeNull();
    expect(slashToken('/tk done', 8)).toBeNull();
  });

  it('follows the query as the agent types and starts at the first reply again when it changes', () => {
    let state = pickerAfterInput(closedPicker, '/', 1);
    expect(state).toMatchObject({ open: true, query: '', active: 0 });
    state = pickerKey(state, 'ArrowDown', 3).state;
    expect(state.active).toBe(1);
    expect(pickerAfterInput(state, '/', 1).active).toBe(1);
    state = pickerAfterInput(state, '/t', 2);
    expect(state).toMatchObject({ open: true, query: 't', active: 0 });
    expect(pickerAfterInput(state, '/t ', 3).open).toBe(false);
  });

  it('moves with the arrow keys, wrapping around the list', () => {
    const open = pickerAfterInput(closedPicker, '/', 1);
    expect(pickerKey(open, 'ArrowUp', 3).state.active).toBe(2);
    expect(pickerKey({ ...open, active: 2 }, 'ArrowDown', 3).state.active).toBe(0);
    expect(pickerKey(open, 'ArrowDown', 0).state.active).toBe(0);
  });

  it('inserts with Enter or Tab when there is a reply to insert, and closes', () => {
    const open = pickerAfterInput(closedPicker, '/tk', 3);
    expect(pickerKey(open, 'Enter', 2)).toMatchObject({ action: 'insert', state: { open: false } });
    expect(pickerKey(open, 'Tab', 2).action).toBe('insert');
    expect(pickerKey(open, 'Enter', 0).action).toBe('none');
  });

  it('closes with Esc and stays closed for that "/" until another one is typed', () => {
    const open = pickerAfterInput(closedPicker, 'ok /tk', 6);
    const { state, action } = pickerKey(open, 'Escape', 2);
    expect(action).toBe('close');
    expect(pickerAfterInput(state, 'ok /tku', 7).open).toBe(false);
    expect(pickerAfterInput(state, 'ok /tku /', 9).open).toBe(true);
  });

  it('leaves other keys to the text box when closed or not its own', () => {
    expect(pickerKey(closedPicker, 'Enter', 3).action).toBe('none');
    expect(pickerKey(pickerAfterInput(closedPicker, '/', 1), 'a', 3).action).toBe('none');
  });

  it('replaces the "/" word with the reply and puts the caret after it', () => {
    const text = '好的 /tk 谢谢';
    const token = slashToken(text, 6)!;
    expect(insertAtSlash(text, token, 6, '退款会原路退回。')).toEqual({ text: '好的 退款会原路退回。 谢谢', caret: 11 });
  });
});
