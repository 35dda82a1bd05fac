import type { SlaTarget, TicketPriority, TicketStatus } from '../../shared/tickets';
import type { TicketSettings } from '../../shared/tickets-admin';
import { DEMO_STAFF } from './demo-credentials';

/**
 * The demo shop's ticket desk: two departments, four ticket types with their default departments,
 * SLA targets (tighter for complaints), the ticket settings, and a handful of tickets with a history
 * (written by seed-demo-tickets.ts). People are named by their demo email, customers by their demo
 * name. The demo has no conversations, so no ticket can have a public reply: what an agent told a
 * customer by phone is an internal comment, as it would be at a real desk.
 */

const SUPERVISOR = 'supervisor@demo.test';
const LI_LEI = 'li.lei@demo.test';
const ZHOU_MIN = DEMO_STAFF.email;

export type DemoDepartment = { name: string; members: { email: string; isLead: boolean }[] };

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { name: '售后', members: [{ email: ZHOU_MIN, isLead: true }, { email: LI_LEI, isLead: false }] },
  { name: '财务', members: [{ email: SUPERVISOR, isLead: false }] },
];

/** In the order the desktop lists them; a new ticket of a type goes to its department. */
export const DEMO_TICKET_TYPES: readonly { name: string; department: string }[] = [
  { name: '退换货', department: '售后' },
  { name: '维修', department: '售后' },
  { name: '投诉', department: '售后' },
  { name: '发票', department: '财务' },
];

/** Business minutes of the ticket hours below; `type` null: the account's default for the priority. */
export const DEMO_SLA_TARGETS: readonly (Omit<SlaTarget, 'typeId'> & { type: string | null })[] = [
  { type: null, priority: 'urgent', firstResponseMinutes: 30, resolutionMinutes: 240, warnBeforeMinutes: 30 },
  { type: null, priority: 'high', firstResponseMinutes: 60, resolutionMinutes: 720, warnBeforeMinutes: 60 },
  { type: null, priority: 'normal', firstResponseMinutes: 240, resolutionMinutes: 1440, warnBeforeMinutes: 120 },
  { type: null, priority: 'low', firstResponseMinutes: 480, resolutionMinutes: 2880, warnBeforeMinutes: 240 },
  // A complaint is answered and settled faster than anything else.
  { type: '投诉', priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: 120, warnBeforeMinutes: 15 },
  { type: '投诉', priority: 'high', firstResponseMinutes: 30, resolutionMinutes: 240, warnBeforeMinutes: 30 },
  { type: '投诉', priority: 'normal', firstResponseMinutes: 60, resolutionMinutes: 720, warnBeforeMinutes: 60 },
  { type: '投诉', priority: 'low', firstResponseMinutes: 120, resolutionMinutes: 1440, warnBeforeMinutes: 60 },
];

const SHOP_HOURS: [string, string][] = [['09:00', '21:00']];

/** The SLA clock runs while the shop's service desk is staffed: every day, 09:00–21:00 in Shanghai. */
export const DEMO_TICKET_SETTINGS: TicketSettings = {
  reopenDays: 7,
  closeAfterDays: 10,
  businessHours: {
    timezone: 'Asia/Shanghai',
    days: { mon: SHOP_HOURS, tue: SHOP_HOURS, wed: SHOP_HOURS, thu: SHOP_HOURS, fri: SHOP_HOURS, sat: SHOP_HOURS, sun: SHOP_HOURS },
  },
  emailAddress: 'tickets@demo.test',
};

/** Something that happened to a ticket after it was opened, `hoursAgo` before the seed ran. */
export type DemoTicketStep =
  | { hoursAgo: number; by: string; status: TicketStatus }
  | { hoursAgo: number; by: string; comment: string; mentions?: string[] };

export type DemoTicket = {
  subject: string;
  type: string;
  priority: TicketPriority;
  /** A demo customer; their latest order comes along unless `orderRef` names another. */
  contact: string | null;
  orderRef?: string;
  openedBy: string;
  hoursAgo: number;
  assignee: string | null;
  /** The first internal comment. */
  note: string;
  steps: DemoTicketStep[];
};

export const DEMO_TICKETS: readonly DemoTicket[] = [
  {
    subject: '退货退款：陶瓷花瓶运输破损', type: '退换货', priority: 'normal', contact: '刘洋', openedBy: SUPERVISOR, hoursAgo: 50, assignee: LI_LEI,
    note: '客户来电：收到的陶瓷花瓶有裂纹，已在订单上申请退款。',
    steps: [
      { hoursAgo: 49, by: LI_LEI, status: 'in_progress' },
      { hoursAgo: 48, by: LI_LEI, comment: '已电话联系客户，约了顺丰上门取件，退货单号 SF1402 8866 301。' },
      { hoursAgo: 20, by: ZHOU_MIN, comment: '仓库已签收，破损属实。@Lin Chen 陈琳 请财务安排原路退款。', mentions: [SUPERVISOR] },
    ],
  },
  {
    subject: '投诉：快递员未送货上门，包裹被放在驿站', type: '投诉', priority: 'urgent', contact: '陈静', openedBy: SUPERVISOR, hoursAgo: 4, assignee: ZHOU_MIN,
    note: 'VIP 客户来电投诉，请今天内给答复。',
    steps: [
      { hoursAgo: 3.5, by: ZHOU_MIN, status: 'open' },
      { hoursAgo: 3, by: ZHOU_MIN, comment: '已联系快递公司核实派送记录，等对方回复后回电客户。' },
    ],
  },
  {
    subject: '无线降噪耳机左耳没有声音', type: '维修', priority: 'high', contact: '张伟', openedBy: SUPERVISOR, hoursAgo: 26, assignee: ZHOU_MIN,
    note: '包裹昨天到的，左耳完全没有声音，客户已试过重新配对。',
    steps: [
      { hoursAgo: 25, by: ZHOU_MIN, status: 'in_progress' },
      { hoursAgo: 24, by: ZHOU_MIN, comment: '已电话联系客户，寄修地址发到了客户邮箱，收到耳机后检测。' },
      { hoursAgo: 24, by: ZHOU_MIN, status: 'waiting_on_customer' },
    ],
  },
  {
    subject: 'VAT invoice with the company name', type: '发票', priority: 'normal', contact: 'Michael Brown', orderRef: 'SO-10007', openedBy: SUPERVISOR, hoursAgo: 72,
    assignee: SUPERVISOR,
    note: 'Wholesale customer: the invoice must show the company name and VAT number from the order notes.',
    steps: [
      { hoursAgo: 70, by: SUPERVISOR, status: 'in_progress' },
      { hoursAgo: 30, by: SUPERVISOR, comment: 'Invoice reissued in the finance system, which emailed it to the customer.' },
      { hoursAgo: 30, by: SUPERVISOR, status: 'solved' },
    ],
  },
  {
    subject: 'Change the scarf colour before the order ships', type: '退换货', priority: 'low', contact: 'Sarah Johnson', openedBy: SUPERVISOR, hoursAgo: 0.75,
    assignee: null, note: 'The customer would like the wool scarf in grey instead of red; the order has not shipped yet.', steps: [],
  },
  {
    subject: '重开增值税专用发票（抬头有误）', type: '发票', priority: 'normal', contact: '张伟', orderRef: 'SO-10001', openedBy: SUPERVISOR, hoursAgo: 240,
    assignee: SUPERVISOR, note: '客户公司抬头少写了“有限公司”，需要作废重开。',
    steps: [
      { hoursAgo: 238, by: SUPERVISOR, status: 'in_progress' },
      { hoursAgo: 216, by: SUPERVISOR, comment: '原发票已作废，新发票已开具并寄出。' },
      { hoursAgo: 216, by: SUPERVISOR, status: 'solved' },
      { hoursAgo: 48, by: SUPERVISOR, status: 'closed' },
    ],
  },
  {
    // Department staff open tickets of their own department, without a customer.
    subject: '仓库退回的 3 副耳机待检测', type: '维修', priority: 'low', contact: null, openedBy: ZHOU_MIN, hoursAgo: 6, assignee: ZHOU_MIN,
    note: '本周退货里有 3 副无线降噪耳机，检测后决定返厂还是二次销售。',
    steps: [{ hoursAgo: 5, by: ZHOU_MIN, status: 'in_progress' }],
  },
];
