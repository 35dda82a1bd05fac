import { createHash } from 'node:crypto';
import { startServer, type RunningServer } from '../../server/app';
import { login } from '../support/server-fixture';
import { emit, log, median, percentile, TempDirs, until, timedRequests } from './report';

const BENCH = 'wechat.intake';
const BURST = 300;
/** WeChat's servers call one account's URL over a bounded number of connections. */
const CONCURRENCY = 20;
const CUSTOMERS = 30;
const TOKEN = 'wechatBenchToken42';

function signed(nonce: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHash('sha1').update([TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  return `signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
}

const textXml = (n: number, tag: string) => `<xml><ToUserName><![CDATA[gh_1234567890ab]]></ToUserName>
<FromUserName><![CDATA[oBench${String(n % CUSTOMERS).padStart(22, '0')}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime>
<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${tag} ${n}: 我的订单什么时候发货？]]></Content><MsgId>${8_000_000_000_000_000_000n + BigInt(n) + (tag === 'warm' ? 10_000n : 0n)}</MsgId></xml>`;


/**
 * A burst of 300 WeChat callbacks (30 customers, 20 connections at once, as WeChat calls): how
 * long the slowest and the 95th-percentile answer take (WeChat gives up after 5 s), and how long
 * until every message is stored. The baseline is the same burst of signed verification requests
 * (GET with echostr), which only check the signature: the server's bare answer time.
 */
export async function wechatIntakeBench(): Promise<void> {
  const temp = new TempDirs();
  let server: RunningServer | undefined;
  try {
    server = await startServer({ port: 0, dataDir: await temp.make('wechat'), seed: 'if-empty' });
    const admin = await login(server.url, 'admin@demo.test', 'demo-admin');
    const created = await fetch(`${server.url}/api/channels`, {
      method: 'POST', headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'wechat', name: 'WeChat', config: { appId: 'wxbench', apiBaseUrl: 'http://127.0.0.1:9' }, secrets: { token: TOKEN, appSecret: 's' } }),
    });
    const channelId = ((await created.json()) as { channel: { id: string } }).channel.id;
    const url = `${server.url}/webhooks/wechat/${channelId}`;
    const post = (n: number, tag: string) => () => fetch(`${url}?${signed(`${tag}${n}`)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: textXml(n, tag) });

    log('wechat: warming up');
    await timedRequests(CONCURRENCY, Array.from({ length: 40 }, (_, n) => post(n, 'warm')));
    const db = server.db;
    const storedCount = async (tag: string) => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages WHERE body LIKE $1', [`${tag} %`]))[0]?.n);
    await until(async () => (await storedCount('warm')) === 40, 'the warm-up messages to be stored', 60_000, 50);
    const echo = await timedRequests(CONCURRENCY, Array.from({ length: BURST }, (_, n) => () => fetch(`${url}?${signed(`e${n}`)}&echostr=${n}`)));

    log(`wechat: ${BURST} callbacks, ${CONCURRENCY} at a time`);
    const started = performance.now();
    const answers = await timedRequests(CONCURRENCY, Array.from({ length: BURST }, (_, n) => post(n, 'burst')));
    const answeredMs = performance.now() - started;
    await until(async () => (await storedCount('burst')) === BURST, 'every burst message to be stored', 120_000, 50);
    const storedMs = performance.now() - started;

    const context = { messages: BURST, concurrency: CONCURRENCY, customers: CUSTOMERS, database: 'pglite' };
    emit({ bench: BENCH, figure: 'answer.max', value: Math.max(...answers), unit: 'ms', baseline: { name: 'signature-only GET, max', value: Math.max(...echo) }, ...context });
    emit({ bench: BENCH, figure: 'answer.p95', value: percentile(answers, 95), unit: 'ms', baseline: { name: 'signature-only GET, p95', value: percentile(echo, 95) }, ...context });
    emit({ bench: BENCH, figure: 'answer.median', value: median(answers), unit: 'ms', baseline: { name: 'signature-only GET, median', value: median(echo) }, ...context });
    emit({ bench: BENCH, figure: 'all.stored', value: storedMs, unit: 'ms', baseline: { name: 'all answered', value: answeredMs }, ...context });
  } finally {
    await server?.close();
    await temp.cleanup();
  }
}
