import type { WidgetDictionary } from './widget-en';

/** 客户聊天窗口的简体中文文字。键与英文完全一致。 */
export const widgetZhCN: WidgetDictionary = {
  'widget.title': '在线客服',
  'widget.subtitle': '我们通常会在几分钟内回复',
  'widget.empty': '有任何问题都可以问我们。',

  'widget.status.connecting': '正在连接…',
  'widget.status.online': '已连接，客服会在这里回复您',
  'widget.status.reconnecting': '连接已断开，正在重新连接…恢复后会自动发送您的消息。',
  'widget.status.unavailable': '暂时无法使用在线客服。',
  'widget.status.busy': '您所在的网络正在发起很多会话，请稍候，我们会自动为您连接。',

  'widget.composer.placeholder': '请输入消息…',
  'widget.composer.send': '发送',
  'widget.composer.hint': '按 Enter 发送，Shift+Enter 换行',
  'widget.composer.tooLong': '消息太长了。',

  'widget.message.agent': '客服',
  'widget.message.bot': '智能助手',
  'widget.message.sending': '发送中…',
  'widget.message.failed': '尚未发送，连接恢复后会自动重试',
  'widget.message.receipt': '{time} · {state, select, read {已读} other {已送达}}',
  'widget.typing.agent': '客服正在输入…',

  'widget.menu.title': '请选择咨询类型',
  'widget.menu.hint': '也可以直接在下方输入您的问题。',
  'widget.menu.groupClosed': '非工作时间，可留言',

  'widget.queue.position': '{position, plural, offset:1 =1 {下一位就是您} other {您前面还有 # 位}}',
  'widget.queue.unknown': '正在为您排队',
  'widget.queue.waitSeparator': '，',
  'widget.queue.waitMinutes': '预计等待约 {minutes} 分钟',
  'widget.queue.waitUnderMinute': '预计等待不到 1 分钟',
  'widget.queue.offered': '正在为您接通客服…',
  'widget.queue.assigned': '{agentName} 正在为您服务',
  'widget.queue.assignedUnnamed': '客服正在为您服务',
  'widget.queue.bot': '智能助手为您服务',
  'widget.queue.pending': '现在是非工作时间，请留言，我们上班后会尽快回复。',
  'widget.queue.resolved': '本次会话已结束，欢迎随时再次咨询。',

  'widget.system.handoff': '正在为您转接人工客服，请稍候…',
  'widget.system.closed': '我们的客服现在不在工作时间。您的留言已保存，上班后我们会第一时间回复您。',
  'widget.system.closedGroup': '{group}团队现在不在工作时间。您的留言已保存，上班后我们会第一时间回复您。',
  'widget.queue.nobodyOnline': '现在没有客服在线。请留言，客服上线后会在这里回复您。',
  'widget.queue.offHours': '现在是非工作时间。请留言，我们上班后会在这里回复您。',

  'widget.tickets.title': '我的工单',
  'widget.tickets.item': '#{number} {subject}',
  'widget.tickets.status': '{status, select, new {已收到} open {已受理} in_progress {处理中} waiting_on_customer {等待您的回复} solved {已解决} other {已关闭}}',
  'widget.tickets.add': '补充信息',
  'widget.tickets.placeholder': '请补充您想告诉我们的信息',
  'widget.tickets.send': '提交',
  'widget.tickets.failed': '提交失败，请重试。',
};
