import { describe, expect, it } from 'vitest';
import { message, teamMember } from '../../testing/fixtures';
import { internalKind } from './note-kind';

const team = [
  teamMember({ id: 'sup', name: '陈琳', role: 'supervisor' }),
  teamMember({ id: 'admin', name: 'Admin', role: 'admin' }),
  teamMember({ id: 'li', name: '李雷' }),
];

describe('how an agents-only message is shown', () => {
  it('a note by a supervisor or admin is a whisper, also after they took the conversation', () => {
    expect(internalKind(message({ id: 'm1', senderType: 'agent', senderId: 'sup' }), team)).toBe('whisper');
    expect(internalKind(message({ id: 'm2', senderType: 'agent', senderId: 'admin' }), team)).toBe('whisper');
  });

  it('a note by an agent (a private note, a transfer note) is a note', () => {
    expect(internalKind(message({ id: 'm3', senderType: 'agent', senderId: 'li' }), team)).toBe('note');
  });

  it('a sender the team list does not know (yet) is shown as a note', () => {
    expect(internalKind(message({ id: 'm4', senderType: 'agent', senderId: 'stranger' }), team)).toBe('note');
    expect(internalKind(message({ id: 'm5', senderType: 'agent', senderId: 'sup' }), [])).toBe('note');
  });

  it('taken over, joined and re-queued lines are system lines', () => {
    expect(internalKind(message({ id: 'm6', senderType: 'system', body: 'taken over by 陈琳' }), team)).toBe('system');
  });
});
