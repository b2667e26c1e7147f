import type { RemindersMessages } from './reminders.zh-CN'

export const remindersEn: RemindersMessages = {
  panelTitle: 'Reminders for today',
  followUps: 'Follow-ups ({{count}})',
  agreements: 'Internship bases ending soon ({{count}})',
  overdue: '{{days}} days overdue',
  overdueOne: '1 day overdue',
  dueToday: 'Due today',
  dueInOne: 'Due tomorrow',
  dueIn: 'Due in {{days}} days',
  ended: 'Ended {{days}} days ago: renew it or mark it expired',
  endedOne: 'Ended yesterday: renew it or mark it expired',
  endsToday: 'Ends today',
  endsInOne: 'Ends tomorrow',
  endsIn: 'Ends in {{days}} days',
  showAll: 'Show all {{count}}',
  dismiss: 'Not again today',
  setting: 'Reminders',
  settingHelp: 'Follow-ups from 3 days before they are due and once overdue; internship-base agreements from 30 days before they end. The desktop app shows a system notification once a day; in a browser they appear at the top of the page.',
  settingLabel: 'Remind me of what is due',
  settingOn: 'Reminders are on',
  settingOff: 'Reminders are off',
}
