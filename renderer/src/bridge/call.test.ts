import { describe, expect, it } from 'vitest';
import type { SwitchboardBridge } from '../../../shared/contract';
import { AppError, fail, ok } from '../../../shared/errors';
import { createCall } from './call';

const session = { signedIn: true, user: null, serverUrl: 'http://127.0.0.1:7340', lastEmail: 'a@b.c' };

function bridgeWith(get: SwitchboardBridge['session.get']): SwitchboardBridge {
  return { 'session.get': get } as unknown as SwitchboardBridge;
}

describe('call', () => {
  it('returns the data of a successful envelope', async () => {
    const call = createCall(bridgeWith(async () => ok(session)));
    await expect(call('session.get', {})).resolves.toEqual(session);
  });

  it('throws an AppError with the code of a failed envelope', async () => {
    const call = createCall(bridgeWith(async () => fail('rate_limited', 'slow down')));
    const error = await call('session.get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'rate_limited', message: 'slow down' });
  });

  it('turns a thrown bridge error into an AppError', async () => {
    const call = createCall(
      bridgeWith(async () => {
        throw new Error('ipc broke');
      }),
    );
    await expect(call('session.get', {})).rejects.toMatchObject({ code: 'internal', message: 'ipc broke' });
  });

  it('rejects an answer that does not match the contract', async () => {
    const call = createCall(bridgeWith(async () => ok({ signedIn: 'yes' }) as never));
    await expect(call('session.get', {})).rejects.toMatchObject({ code: 'internal' });
  });
});
