import { randomUUID } from 'node:crypto';
import { hashPassword, type ScryptParams } from '../domain/auth/password';
import type { Db, Tx } from './db';
import { DEMO_ACCOUNT_NAME, DEMO_STAFF, DEMO_USERS } from './demo-credentials';
import { demoOrderItems, demoShippingAddress } from './demo-orders';
import { ALWAYS_OPEN } from '../domain/routing/business-hours';
import { seedDemoTickets } from './seed-demo-tickets';

/** True when the database holds no account at all (a fresh install). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
  return Number(rows[0]?.n ?? 0) === 0;
}

export type SeedOptions = {
  /** scrypt cost for the demo passwords; tests lower it (a hash records its own cost). */
  passwordParams?: ScryptParams;
  /**
   * False leaves out the ticket desk's demo (departments, ticket types, SLA targets, ticket
   * settings, example tickets and the department staff user): tests of tickets set up their own.
   */
  tickets?: boolean;
};

/** What one run of the seed wrote: the demo shop, the ticket desk's demo, either, both or nothing. */
export type SeedResult = { seeded: boolean; shop: boolean; tickets: boolean };

/**
 * Loads the demo shop unless its admin already exists, and the ticket desk's demo unless its
 * department staff user exists (so a demo shop loaded before there were tickets gets them too).
 * One transaction: a run that fails leaves nothing behind.
 */
export async function seedDemo(db: Db, options: SeedOptions = {}): Promise<SeedResult> {
  // Hash outside the transaction: scrypt is slow on purpose and needs no lock.
  const hash = (password: string) => hashPassword(password, options.passwordParams);
  const [hashes, staffHash] = await Promise.all([Promise.all(DEMO_USERS.map((u) => hash(u.password))), options.tickets !== false ? hash(DEMO_STAFF.password) : null]);
  const now = Date.now();
  return db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM users WHERE email = $1', [DEMO_USERS[0]!.email]);
    const shop = existing.length === 0;
    if (shop) await writeDemo(tx, hashes);
    const tickets = staffHash !== null && (await seedDemoTickets(tx, db.kind, staffHash, now));
    return { seeded: shop || tickets, shop, tickets };
  });
}

type DemoContact = {
  name: string;
  email: string | null;
  phone: string | null;
  vip: number;
  tags: string[];
  orders: { status: string; totalCents: number; currency: string; daysAgo: number }[];
};

const CONTACTS: DemoContact[] = [
  {
    name: '张伟', email: 'zhang.wei@example.cn', phone: '+86 138 0013 8000', vip: 2, tags: ['vip', '回头客'],
    orders: [
      { status: 'delivered', totalCents: 129900, currency: 'CNY', daysAgo: 40 },
      { status: 'shipped', totalCents: 45800, currency: 'CNY', daysAgo: 3 },
    ],
  },
  {
    name: 'Sarah Johnson', email: 'sarah.j@example.com', phone: '+1 415 555 0134', vip: 0, tags: ['new'],
    orders: [{ status: 'processing', totalCents: 5999, currency: 'USD', daysAgo: 1 }],
  },
  {
    name: '刘洋', email: null, phone: '+86 139 1234 5678', vip: 0, tags: [],
    orders: [
      { status: 'refund_requested', totalCents: 19900, currency: 'CNY', daysAgo: 12 },
      { status: 'delivered', totalCents: 8800, currency: 'CNY', daysAgo: 60 },
      { status: 'cancelled', totalCents: 32000, currency: 'CNY', daysAgo: 90 },
    ],
  },
  {
    name: 'Michael Brown', email: 'm.brown@example.co.uk', phone: null, vip: 1, tags: ['vip', 'wholesale'],
    orders: [
      { status: 'delivered', totalCents: 249500, currency: 'GBP', daysAgo: 20 },
      { status: 'shipped', totalCents: 18900, currency: 'GBP', daysAgo: 2 },
    ],
  },
  {
    name: '陈静', email: 'chenjing@example.cn', phone: '+86 137 5555 1212', vip: 3, tags: ['vip', '大客户'],
    orders: [{ status: 'delivered', totalCents: 568000, currency: 'CNY', daysAgo: 7 }],
  },
];

const ARTICLES = [
  { lang: 'zh', category: '物流', title: '发货与配送时间', tags: ['发货', '物流'],
    questions: ['什么时候发货', '几天能到', '多久能收到货'],
    body: '现货商品在付款后 24 小时内发货。江浙沪地区一般 1–2 天送达，其他地区 2–4 天，偏远地区 5–7 天。节假日期间可能顺延。' },
  { lang: 'en', category: 'Shipping', title: 'Shipping times', tags: ['shipping', 'delivery'],
    questions: ['when will my order ship', 'how long does delivery take'],
    body: 'In-stock items ship within 24 hours of payment. Domestic delivery takes 2–4 business days; international delivery takes 7–14 business days. Public holidays may add a day or two.' },
  { lang: 'zh', category: '售后', title: '退款政策', tags: ['退款', '退货'],
    questions: ['可以退货吗', '退款多久到账', '七天无理由'],
    body: '签收后 7 天内可无理由退货。商品需保持完好、配件齐全。我们收到退货后 1–3 个工作日内原路退款，到账时间以银行为准。' },
  { lang: 'en', category: 'After-sales', title: 'Refund policy', tags: ['refund', 'returns'],
    questions: ['can I return this', 'when do I get my money back'],
    body: 'You can return any item within 30 days of delivery if it is unused and complete. Refunds go back to the original payment method within 3 business days after we receive the return.' },
  { lang: 'zh', category: '物流', title: '如何查询订单物流', tags: ['订单', '物流', '查询'],
    questions: ['快递到哪了', '怎么查物流', '快递单号在哪看'],
    body: '登录账户后进入“我的订单”，点击订单即可查看物流单号和实时轨迹。也可以把订单号发给客服，我们帮您查询。' },
  { lang: 'en', category: 'Orders', title: 'Tracking your order', tags: ['order', 'tracking'],
    questions: ['where is my package', 'tracking number'],
    body: 'Open "My orders" in your account and select the order to see the tracking number and live status. You can also send us the order number and we will look it up.' },
] as const;

const TEMPLATES = [
  { lang: 'zh', category: '问候', shortcut: 'hi', title: '问候', body: '您好，{{contact.name}}！我是客服{{agent.name}}，很高兴为您服务，请问有什么可以帮您？' },
  { lang: 'en', category: 'Greeting', shortcut: 'hi', title: 'Greeting', body: 'Hi {{contact.name}}, this is {{agent.name}}. How can I help you today?' },
  { lang: 'zh', category: '物流', shortcut: 'ship', title: '发货时间', body: '现货商品付款后 24 小时内发货，一般 2–4 天送达，请您耐心等待。' },
  { lang: 'en', category: 'Shipping', shortcut: 'ship', title: 'Shipping times', body: 'In-stock items ship within 24 hours and usually arrive in 2–4 business days.' },
  { lang: 'zh', category: '售后', shortcut: 'refund', title: '退款说明', body: '退款会在我们收到退货后 1–3 个工作日内原路退回，请留意银行到账通知。' },
  { lang: 'zh', category: '订单', shortcut: 'order', title: '订单状态', body: '{{contact.name}}您好，您最近的订单 {{order.latest.id}} 目前的状态是：{{order.latest.status}}。' },
  { lang: 'en', category: 'Orders', shortcut: 'track', title: 'Order tracking', body: 'You can follow your order under "My orders". If you send me the order number, I will check it for you.' },
] as const;

async function writeDemo(tx: Tx, hashes: string[]): Promise<void> {
  const accountId = randomUUID();
  await tx.query('INSERT INTO accounts (id, name) VALUES ($1, $2)', [accountId, DEMO_ACCOUNT_NAME]);

  const userIds: string[] = [];
  for (const [i, user] of DEMO_USERS.entries()) {
    const id = randomUUID();
    userIds.push(id);
    await tx.query(
      'INSERT INTO users (id, account_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, accountId, user.email, user.name, user.role, hashes[i]],
    );
  }

  const preSales = randomUUID();
  const afterSales = randomUUID();
  // Open all week in the demo, so conversations route at any hour; real teams set their own hours.
  const groups = [
    { id: preSales, name: '售前 Pre-sales', keywords: ['价格', '优惠', '尺码', 'price', 'size'] },
    { id: afterSales, name: '售后 After-sales', keywords: ['退款', '退货', '物流', '发票', 'refund', 'return', 'delivery'] },
  ];
  for (const g of groups) {
    await tx.query('INSERT INTO skill_groups (id, account_id, name, keywords, business_hours) VALUES ($1, $2, $3, $4, $5)', [
      g.id, accountId, g.name, JSON.stringify(g.keywords), JSON.stringify(ALWAYS_OPEN),
    ]);
  }
  // Agents: 王芳 pre-sales, 李雷 after-sales, Emma both.
  const [, , wang, li, emma] = userIds;
  for (const [userId, groupId] of [[wang, preSales], [li, afterSales], [emma, preSales], [emma, afterSales]] as const) {
    await tx.query('INSERT INTO user_skill_groups (user_id, skill_group_id) VALUES ($1, $2)', [userId, groupId]);
  }

  await tx.query("INSERT INTO channels (id, account_id, kind, name, config) VALUES ($1, $2, 'widget', $3, $4)", [
    randomUUID(), accountId, 'Website chat', JSON.stringify({ greeting: { en: 'Hi! How can we help?', zh: '您好！有什么可以帮您？' } }),
  ]);

  let orderNumber = 10_001;
  for (const contact of CONTACTS) {
    const contactId = randomUUID();
    await tx.query(
      'INSERT INTO contacts (id, account_id, name, email, phone, vip_level, tags) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [contactId, accountId, contact.name, contact.email, contact.phone, contact.vip, JSON.stringify(contact.tags)],
    );
    for (const order of contact.orders) {
      const orderId = randomUUID();
      await tx.query(
        `INSERT INTO orders (id, account_id, contact_id, number, status, total_cents, currency, created_at, shipping_address)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() - make_interval(days => $8::int), $9::jsonb)`,
        [orderId, accountId, contactId, `SO-${orderNumber}`, order.status, order.totalCents, order.currency, order.daysAgo,
          JSON.stringify(demoShippingAddress(contact.name, contact.phone))],
      );
      for (const [position, item] of demoOrderItems(order.totalCents, order.currency, orderNumber).entries()) {
        await tx.query('INSERT INTO order_items (order_id, position, name, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, $5)', [
          orderId, position, item.name, item.quantity, item.unitPriceCents,
        ]);
      }
      orderNumber++;
    }
  }

  for (const a of ARTICLES) {
    await tx.query(
      'INSERT INTO kb_articles (id, account_id, lang, title, body, category, tags, questions) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [randomUUID(), accountId, a.lang, a.title, a.body, a.category, JSON.stringify(a.tags), JSON.stringify(a.questions)],
    );
  }
  // The bot's scenario replies (the bot itself is off until a channel turns it on: config.bot = true).
  await tx.query(
    `INSERT INTO bot_rules (id, account_id, kind, reply_zh, reply_en) VALUES ($1, $2, 'greeting', $3, $4), ($5, $2, 'off_hours', $6, $7)`,
    [randomUUID(), accountId, '您好！我是智能客服，可以回答发货、退款、物流等问题，随时可以回复“转人工”。', 'Hi! I can answer questions about shipping, refunds and tracking; reply "agent" for a person any time.',
      randomUUID(), '现在是非工作时间，人工客服上班后会第一时间回复您。', 'Our team is away right now; a person will reply as soon as they are back.'],
  );
  // Order-status replies: sent when an order ships or arrives (POST /api/orders/:id/status, POST /api/orders/events).
  for (const [status, zh, en] of ORDER_STATUS_REPLIES) {
    await tx.query(`INSERT INTO bot_rules (id, account_id, kind, pattern, reply_zh, reply_en) VALUES ($1, $2, 'order_status', $3, $4, $5)`, [
      randomUUID(), accountId, status, zh, en,
    ]);
  }
  for (const t of TEMPLATES) {
    await tx.query(
      'INSERT INTO templates (id, account_id, owner_id, lang, shortcut, title, body, category) VALUES ($1, $2, NULL, $3, $4, $5, $6, $7)',
      [randomUUID(), accountId, t.lang, t.shortcut, t.title, t.body, t.category],
    );
  }
  // A starting list of sensitive words: agents may not move customers off the platform, card
  // numbers are masked, complaints and threats reach a supervisor.
  for (const [pattern, action] of SENSITIVE_WORDS) {
    await tx.query("INSERT INTO sensitive_words (id, account_id, pattern, kind, action) VALUES ($1, $2, $3, 'word', $4)", [
      randomUUID(), accountId, pattern, action,
    ]);
  }
}

const ORDER_STATUS_REPLIES: readonly (readonly [status: string, zh: string, en: string])[] = [
  ['shipped', '{{contact.name}}您好，您的订单 {{order.id}} 已发货，请留意物流信息。', 'Hi {{contact.name}}, your order {{order.id}} has shipped. We will let you know when it arrives.'],
  ['delivered', '{{contact.name}}您好，您的订单 {{order.id}} 已签收。如有任何问题，直接回复这条消息即可。', 'Hi {{contact.name}}, your order {{order.id}} has been delivered. Reply here if anything is not right.'],
];

const SENSITIVE_WORDS: readonly (readonly [string, 'alert' | 'block' | 'mask'])[] = [
  ['加我微信', 'block'],
  ['私下交易', 'block'],
  ['银行卡号', 'mask'],
  ['投诉', 'alert'],
  ['12315', 'alert'],
  ['骗子', 'alert'],
  ['scam', 'alert'],
];
