export const remindersZhCN = {
  panelTitle: '今日提醒',
  followUps: '跟进事项（{{count}}）',
  agreements: '即将到期的实习基地（{{count}}）',
  overdue: '已逾期 {{days}} 天',
  overdueOne: '已逾期 1 天',
  dueToday: '今天到期',
  dueInOne: '明天到期',
  dueIn: '{{days}} 天后到期',
  ended: '已于 {{days}} 天前到期，请续签或标记为已到期',
  endedOne: '已于昨天到期，请续签或标记为已到期',
  endsToday: '今天到期',
  endsInOne: '明天到期',
  endsIn: '{{days}} 天后到期',
  showAll: '查看全部 {{count}} 项',
  dismiss: '今天不再提醒',
  setting: '到期提醒',
  settingHelp: '跟进事项到期前 3 天起及逾期后、实习基地协议到期前 30 天起提醒。桌面版每天以系统通知提醒一次；浏览器版在页面顶部提醒。',
  settingLabel: '开启到期提醒',
  settingOn: '已开启到期提醒',
  settingOff: '已关闭到期提醒',
}
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }
export type RemindersMessages = DeepStrings<typeof remindersZhCN>
