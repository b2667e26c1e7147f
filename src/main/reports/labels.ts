// Captions the reports print: sheet names, column headers, headings. Both
// languages sit side by side and `en` is typed after `zh`, so a caption missing
// in one language is a compile error, not a blank cell. Enum values are not
// here: they come from shared/enums.ts through enumLabel.
import type { Lang } from '../../shared/enums'

const zh = {
  yes: '是',
  no: '否',
  unrecorded: '未统计',
  /** number format of a total some of whose rows were not recorded: a lower bound */
  atLeastFormat: '"至少 "#,##0',
  tbd: '待定',
  total: '合计',
  id: 'ID',
  pageFooter: '第 &P 页，共 &N 页',
  listSep: '；',

  tripWorkbook: {
    sheets: { overview: '概况', itinerary: '行程', organizations: '单位', people: '会见人员', outcomes: '成果', followUps: '后续工作' },
    overview: {
      headers: ['项目', '内容', '说明'],
      title: '出访名称',
      theme: '主题',
      startDate: '开始日期',
      endDate: '结束日期',
      days: '天数',
      destinations: '目的地',
      status: '状态',
      // a planned or ongoing trip whose last day has passed: the records were not brought up to date
      statusUnconfirmed: '待确认',
      statusUnconfirmedDetail: (stored: string, end: string) => `行程已于${end}结束，记录中的状态仍为“${stored}”，尚未确认是否完成`,
      leader: '带队',
      member: '代表团成员',
      objective: '工作主线',
      enterprisesVisited: '走访企业及单位（家）',
      activities: '开展活动（项）',
      activitiesOfKind: (kind: string) => `其中：${kind}（项）`,
      positionsOffered: '提供就业岗位（个）',
      positionsUnrecordedIn: (n: number) => `${n}次走访未统计岗位数`,
      agreements: '相关协议（项）',
      internshipBases: '其中：实习基地（个）',
      alumniGroupsFounded: '成立校友组织（个）',
      peopleMet: '会见人员（人）',
      alumniMet: '其中：校友（人）',
      followUpsOpen: '后续工作：待办及进行中（项）',
      followUpsDone: '后续工作：已完成（项）',
    },
    itinerary: ['日期', '时段', '城市', '类型', '活动', '单位', '会见人员', '我方人员', '交流内容', '成果', '提供岗位', '岗位名称'],
    organizations: ['单位名称', '类型', '行业', '城市', '校友企业', '走访', '会见人员', '合作意向', '提供岗位'],
    people: ['姓名', '职务', '单位', '校友', '校友届别', '专业', '学历', '电话', '邮箱', '会见场合'],
    outcomes: ['类别', '名称', '类型', '单位', '负责人', '日期', '状态', '说明'],
    outcomeAgreement: '协议',
    outcomeGroup: '校友组织',
    followUps: ['序号', '任务', '具体内容', '类别', '单位', '责任人', '完成时限', '状态', '最近进展'],
  },

  itinerary: {
    title: (trip: string) => `${trip}行程安排`,
    sheets: { schedule: '行程', delegation: '代表团', contacts: '联系人' },
    schedule: ['日期', '星期', '时段', '城市', '地点', '活动', '单位', '会见人员及电话', '我方人员'],
    delegation: ['姓名', '职务', '分工', '电话'],
    contacts: ['姓名', '单位', '职务', '电话', '邮箱', '微信'],
    dates: '时间',
    destinations: '地点',
    leader: '带队',
    delegationHeading: '代表团成员',
    contactsHeading: '对接人联系方式',
    scheduleHeading: '日程安排',
    docSchedule: ['时段', '活动安排', '会见人员及电话', '我方人员'],
    noActivities: '尚未安排行程。',
  },

  registers: {
    visits: {
      sheet: '访企拓岗台账',
      title: '访企拓岗工作台账',
      headers: ['序号', '日期', '单位', '行业', '城市', '带队人', '类型', '走访方式', '提供岗位', '岗位名称', '需求专业', '合作意向', '所属出访'],
    },
    internshipBases: {
      sheet: '实习基地',
      title: '实习基地一览表',
      headers: ['基地名称', '单位', '城市', '签约日期', '揭牌日期', '开始日期', '结束日期', '到期状态', '剩余天数', '协议状态', '合作范围', '每年接收人数', '面向专业', '负责人', '企业联系人', '协议编号'],
      expiry: { expired: '已到期', expiring: '90天内到期', current: '有效', openEnded: '长期', terminated: '已终止' },
    },
    alumni: {
      sheet: '校友名录',
      title: '校友名录',
      headers: ['姓名', '届别', '学历', '专业', '单位', '职务', '城市', '电话', '邮箱', '微信'],
    },
    alumniGroups: {
      sheet: '校友组织',
      title: '校友组织一览表',
      headers: ['名称', '类型', '地区', '依托单位', '负责人', '负责人职务', '成员数', '专业方向', '成立日期', '状态'],
    },
    followUps: {
      sheet: '后续工作',
      title: '后续工作任务清单',
      headers: ['任务', '类别', '单位', '所属出访', '责任人', '完成时限', '状态', '是否逾期', '最近进展', '结果'],
    },
  },

  report: {
    h1: ['活动概况与主要行程', '主要成效与重要成果', '经验总结与下一步工作'],
    groups: ['访企拓岗与校企合作取得突破性进展', '校友联络与组织建设迈出关键步伐', '学院形象与影响力显著提升'],
    items: {
      jobs: '就业岗位有效拓展',
      bases: '实习基地扎实建立',
      deepening: '合作内涵持续深化',
      platforms: '区域合作平台加快构建',
      forums: '凝聚校友共识',
      groups: '成立校友组织',
      alumniMet: '联络校友',
    },
    source: '来源',
    editor: '编辑',
    reviewer: '审核',
    date: '日期',
    itineraryIntro: '按时间顺序，主要行程如下：',
    nextSteps: '下一步，学院将重点做好以下工作：',
    workTitle: (title: string) => `关于${title}的工作总结`,
    followUpTable: ['序号', '工作任务', '责任人', '完成时限', '进展'],
    annex: '附件',
    annexTitle: '走访单位及对接人一览表',
    annexHeaders: ['序号', '日期', '单位名称', '对接人', '职务', '联系电话'],
  },
}

type Captions = typeof zh

const en: Captions = {
  yes: 'Yes',
  no: 'No',
  unrecorded: 'not recorded',
  atLeastFormat: '"at least "#,##0',
  tbd: 'to be decided',
  total: 'Total',
  id: 'ID',
  pageFooter: 'Page &P of &N',
  listSep: '; ',

  tripWorkbook: {
    sheets: { overview: 'Overview', itinerary: 'Itinerary', organizations: 'Organizations', people: 'People met', outcomes: 'Outcomes', followUps: 'Follow-ups' },
    overview: {
      headers: ['Item', 'Value', 'Details'],
      title: 'Trip',
      theme: 'Theme',
      startDate: 'Start date',
      endDate: 'End date',
      days: 'Days',
      destinations: 'Destinations',
      status: 'Status',
      statusUnconfirmed: 'To be confirmed',
      statusUnconfirmedDetail: (stored: string, end: string) => `The trip ended on ${end}; the records still say “${stored}” and nobody has confirmed it took place`,
      leader: 'Leader',
      member: 'Delegation member',
      objective: 'Line of work',
      enterprisesVisited: 'Enterprises and organisations visited',
      activities: 'Activities',
      activitiesOfKind: (kind: string) => `of which: ${kind}`,
      positionsOffered: 'Job positions offered',
      positionsUnrecordedIn: (n: number) => (n === 1 ? 'not recorded for 1 visit' : `not recorded for ${n} visits`),
      agreements: 'Agreements',
      internshipBases: 'of which: internship bases',
      alumniGroupsFounded: 'Alumni organisations set up',
      peopleMet: 'People met',
      alumniMet: 'of which: alumni',
      followUpsOpen: 'Follow-ups open or in progress',
      followUpsDone: 'Follow-ups done',
    },
    itinerary: ['Date', 'Period', 'City', 'Kind', 'Activity', 'Organisations', 'People met', 'Our attendees', 'Topics', 'Outcomes', 'Positions offered', 'Job titles'],
    organizations: ['Organisation', 'Kind', 'Industry', 'City', 'Alumni-founded', 'Visited', 'People met', 'Intentions', 'Positions offered'],
    people: ['Name', 'Title', 'Organisation', 'Alumnus', 'Alumni class', 'Major', 'Degree', 'Phone', 'E-mail', 'Met at'],
    outcomes: ['Category', 'Name', 'Kind', 'Organisation', 'Person in charge', 'Date', 'Status', 'Details'],
    outcomeAgreement: 'Agreement',
    outcomeGroup: 'Alumni organisation',
    followUps: ['No.', 'Task', 'Details', 'Category', 'Organisation', 'Owner', 'Due date', 'Status', 'Latest progress'],
  },

  itinerary: {
    title: (trip: string) => `Itinerary: ${trip}`,
    sheets: { schedule: 'Itinerary', delegation: 'Delegation', contacts: 'Contacts' },
    schedule: ['Date', 'Weekday', 'Period', 'City', 'Location', 'Activity', 'Organisations', 'People to meet, phone', 'Our attendees'],
    delegation: ['Name', 'Title', 'Role', 'Phone'],
    contacts: ['Name', 'Organisation', 'Title', 'Phone', 'E-mail', 'WeChat'],
    dates: 'Dates',
    destinations: 'Destinations',
    leader: 'Leader',
    delegationHeading: 'Delegation',
    contactsHeading: 'Contacts',
    scheduleHeading: 'Schedule',
    docSchedule: ['Period', 'Activity', 'People to meet, phone', 'Our attendees'],
    noActivities: 'No activities planned yet.',
  },

  registers: {
    visits: {
      sheet: 'Visits ledger',
      title: 'Enterprise visits and job expansion ledger',
      headers: ['No.', 'Date', 'Organisations', 'Industry', 'City', 'Led by', 'Kind', 'Visit method', 'Positions offered', 'Job titles', 'Majors wanted', 'Intentions', 'Trip'],
    },
    internshipBases: {
      sheet: 'Internship bases',
      title: 'Internship bases',
      headers: ['Base', 'Organisation', 'City', 'Signed', 'Unveiled', 'Start date', 'End date', 'Term status', 'Days left', 'Agreement status', 'Scope', 'Places per year', 'Majors', 'Owner', 'Partner contact', 'Document no.'],
      expiry: { expired: 'Expired', expiring: 'Expires within 90 days', current: 'Current', openEnded: 'Open-ended', terminated: 'Terminated' },
    },
    alumni: {
      sheet: 'Alumni directory',
      title: 'Alumni directory',
      headers: ['Name', 'Class', 'Degree', 'Major', 'Organisation', 'Title', 'City', 'Phone', 'E-mail', 'WeChat'],
    },
    alumniGroups: {
      sheet: 'Alumni organisations',
      title: 'Alumni organisations',
      headers: ['Name', 'Kind', 'Region', 'Host organisation', 'Person in charge', 'Their title', 'Members', 'Focus', 'Established', 'Status'],
    },
    followUps: {
      sheet: 'Follow-ups',
      title: 'Follow-up tasks',
      headers: ['Task', 'Category', 'Organisation', 'Trip', 'Owner', 'Due date', 'Status', 'Overdue', 'Latest progress', 'Result'],
    },
  },

  report: {
    h1: ['Activity Overview and Main Itinerary', 'Core Achievements and Major Outcomes', 'Experience Summary and Next Steps'],
    groups: [
      'University-Enterprise Cooperation and Job Expansion via Corporate Visits',
      'Alumni Liaison and Organisation Building',
      "The School's Image and Influence",
    ],
    items: {
      jobs: 'Expansion of Employment Opportunities',
      bases: 'Establishment of Internship Bases',
      deepening: 'Deepening of Cooperation',
      platforms: 'Regional Cooperation Platforms',
      forums: 'Building Consensus with Alumni',
      groups: 'Alumni Organisations Set Up',
      alumniMet: 'Alumni Contacts',
    },
    source: 'Source',
    editor: 'Editor',
    reviewer: 'Reviewer',
    date: 'Date',
    itineraryIntro: 'The main itinerary in chronological order is as follows:',
    nextSteps: 'Next, the School will focus on the following tasks:',
    workTitle: (title: string) => `Work Report: ${title}`,
    followUpTable: ['No.', 'Task', 'Owner', 'Due date', 'Progress'],
    annex: 'Annex',
    annexTitle: 'Organisations Visited and Contacts',
    annexHeaders: ['No.', 'Date', 'Organisation', 'Contact', 'Position', 'Phone'],
  },
}

export const CAPTIONS: Record<Lang, Captions> = { 'zh-CN': zh, en }

export function captions(lang: Lang): Captions {
  return CAPTIONS[lang]
}
