import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/app';
import type { QueueStatus } from '../../shared/protocol';
import { pushesFlushed } from '../support/barriers';
import { databaseTargets, startServerOn } from '../support/databases';
import { closeAllSockets, connectAgent, connectVisitor, data, login, record, request, visitorSays, waitFor } from '../support/server-fixture';

const targets = await databaseTargets();

afterAll(() => closeAllSockets());

type Customer = { socket: Socket; contactId: string; statuses: QueueStatus[] };

for (const target of targets) {
  describe(`waiting customers' places on ${target.label}`, () => {
    let server: RunningServer;
    let close: (() => Promise<void>) | undefined;
    let accountId: string;
    let group: string;

    async function customer(name: string, vip = false): Promise<Customer> {
      let statuses: QueueStatus[] = [];
      const { socket, session } = await connectVisitor(server.url, { name }, (s) => {
        statuses = record<QueueStatus>(s, 'queue:update');
      });
      if (vip) await server.db.query('UPDATE contacts SET vip_level = 2 WHERE id = $1', [session.contactId]);
      return { socket, contactId: session.contactId, statuses };
    }

    /** The customer writes; resolves once routing has run and told everyone what it had to. */
    async function arrives(c: Customer): Promise<void> {
      await visitorSays(server, c, 'Hello, is anyone there?', { groupId: group });
      await server.router.settled();
    }

    const place = (c: Customer) => c.statuses[c.statuses.length - 1]?.position;

    beforeAll(async () => {
      // No sweep during the test: every status heard comes from an arrival's own routing run.
      ({ server, close } = await startServerOn(target, { routingSweepMs: 600_000 }));
      accountId = (await login(server.url, 'supervisor@demo.test', 'demo-supervisor')).user.accountId;
      group = (await server.db.query<{ id: string }>("SELECT id FROM skill_groups WHERE account_id = $1 AND name LIKE '售前%'", [accountId]))[0]!.id;
      // Nobody at work: the customers stay in the queue.
      await server.db.query("UPDATE users SET presence = 'offline' WHERE account_id = $1", [accountId]);
    });

    afterAll(async () => {
      await close?.();
    });

    it('a newcomer takes the next place and those ahead hear nothing new; a VIP goes first and everyone behind moves down one', async () => {
      const ann = await customer('Ann');
      const bob = await customer('Bob');
      const cat = await customer('Cat');
      for (const c of [ann, bob, cat]) await arrives(c);
      await waitFor(() => place(ann) === 1 && place(bob) === 2 && place(cat) === 3, 'places 1, 2 and 3 in the order they came');
      await pushesFlushed(ann.socket, bob.socket);
      expect(ann.statuses.map((s) => s.position)).toEqual([1]);
      expect(bob.statuses.map((s) => s.position)).toEqual([2]);

      const vip = await customer('Vera VIP', true);
      await arrives(vip);
      await waitFor(() => place(vip) === 1, 'the VIP to be first');
      await waitFor(() => place(ann) === 2 && place(bob) === 3 && place(cat) === 4, 'everyone behind the VIP to move down one');

      const dan = await customer('Dan');
      await arrives(dan);
      await waitFor(() => place(dan) === 5, 'the newcomer to be fifth');
      await pushesFlushed(ann.socket, cat.socket);
      expect(ann.statuses.map((s) => s.position)).toEqual([1, 2]);
      expect(cat.statuses.map((s) => s.position)).toEqual([3, 4]);
    });

    it('an agent coming to work is offered the first five, and those still waiting hear at once that someone is there', async () => {
      const waitingOnes: Customer[] = [];
      for (const name of ['Eve', 'Fay']) {
        const c = await customer(name);
        await arrives(c);
        waitingOnes.push(c);
      }
      await waitFor(() => waitingOnes.every((c) => c.statuses.at(-1)?.availability === 'nobody_online'), 'nobody to be there for them');
      const wang = await connectAgent(server.url, (await login(server.url, 'wang.fang@demo.test', 'demo-agent')).accessToken);
      data(await request(wang, 'presence:set', { presence: 'online' }));
      await server.router.settled();
      const offered = await server.db.query("SELECT c.id FROM conversations c JOIN users u ON u.id = c.offered_to WHERE u.email = 'wang.fang@demo.test'");
      // Five chats at most (her limit): the first five are offered to her, Eve and Fay still wait.
      expect(offered).toHaveLength(5);
      // No sweep runs in this test: the run that made the offer told them.
      await waitFor(() => waitingOnes.every((c) => c.statuses.at(-1)?.availability === null), 'the waiting customers to hear someone is there');
      expect(waitingOnes.map((c) => c.statuses.at(-1))).toMatchObject([{ state: 'queued', position: 6 }, { state: 'queued', position: 7 }]);
      wang.close();
    });
  });
}
