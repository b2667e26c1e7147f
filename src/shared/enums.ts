// Every closed set of values in the domain, with its labels in both languages.
// Labels live beside the values so the UI, the reports and the sample data can never disagree.

export type Lang = 'zh-CN' | 'en'
export const LANGS = ['zh-CN', 'en'] as const

type Labels<T extends string> = Record<T, { 'zh-CN': string; en: string }>

function defineEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Labels<T[number]>,
): { values: T; labels: Labels<T[number]> } {
  return { values, labels }
}

export const organizationKind = defineEnum(
  ['enterprise', 'industrialPark', 'devZoneCommittee', 'institute', 'university', 'association', 'government', 'other'],
  {
    enterprise: { 'zh-CN': '企业', en: 'Enterprise' },
    industrialPark: { 'zh-CN': '产业园区', en: 'Industrial park' },
    devZoneCommittee: { 'zh-CN': '开发区管委会', en: 'Development-zone committee' },
    institute: { 'zh-CN': '科研院所', en: 'Research institute' },
    university: { 'zh-CN': '高校', en: 'University' },
    association: { 'zh-CN': '协会/学会', en: 'Association' },
    government: { 'zh-CN': '政府机关', en: 'Government agency' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
)

export const activityKind = defineEnum(['enterpriseVisit', 'forum', 'meeting', 'ceremony', 'other'], {
  enterpriseVisit: { 'zh-CN': '企业走访', en: 'Enterprise visit' },
  forum: { 'zh-CN': '座谈会', en: 'Forum' },
  meeting: { 'zh-CN': '会见/会谈', en: 'Meeting' },
  ceremony: { 'zh-CN': '仪式', en: 'Ceremony' },
  other: { 'zh-CN': '其他', en: 'Other' },
})

export const period = defineEnum(['morning', 'afternoon', 'evening', 'allDay'], {
  morning: { 'zh-CN': '上午', en: 'Morning' },
  afternoon: { 'zh-CN': '下午', en: 'Afternoon' },
  evening: { 'zh-CN': '晚上', en: 'Evening' },
  allDay: { 'zh-CN': '全天', en: 'All day' },
})

export const visitMethod = defineEnum(['onSite', 'online'], {
  onSite: { 'zh-CN': '实地走访', en: 'On site' },
  online: { 'zh-CN': '线上', en: 'Online' },
})

// Cooperation intentions and follow-up categories are the same list: an intention
// reached at a visit becomes a follow-up task of the same category.
export const cooperationCategory = defineEnum(
  ['recruitment', 'internship', 'jointTraining', 'customCourse', 'continuingEducation', 'research', 'alumni', 'other'],
  {
    recruitment: { 'zh-CN': '招聘就业', en: 'Recruitment' },
    internship: { 'zh-CN': '实习实践', en: 'Internship' },
    jointTraining: { 'zh-CN': '联合培养', en: 'Joint training' },
    customCourse: { 'zh-CN': '定制课程', en: 'Custom course' },
    continuingEducation: { 'zh-CN': '继续教育', en: 'Continuing education' },
    research: { 'zh-CN': '科研合作', en: 'Research' },
    alumni: { 'zh-CN': '校友工作', en: 'Alumni' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
)

export const agreementKind = defineEnum(
  ['internshipBase', 'employmentBase', 'jointTraining', 'research', 'cooperation', 'other'],
  {
    internshipBase: { 'zh-CN': '实习基地', en: 'Internship base' },
    employmentBase: { 'zh-CN': '就业基地', en: 'Employment base' },
    jointTraining: { 'zh-CN': '联合培养协议', en: 'Joint-training agreement' },
    research: { 'zh-CN': '科研合作协议', en: 'Research agreement' },
    cooperation: { 'zh-CN': '校企合作协议', en: 'Cooperation agreement' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
)

export const agreementScope = defineEnum(
  ['internship', 'graduationDesign', 'employment', 'jointTraining', 'research', 'continuingEducation', 'other'],
  {
    internship: { 'zh-CN': '毕业实习', en: 'Graduation internship' },
    graduationDesign: { 'zh-CN': '毕业设计', en: 'Graduation design' },
    employment: { 'zh-CN': '就业', en: 'Employment' },
    jointTraining: { 'zh-CN': '联合培养', en: 'Joint training' },
    research: { 'zh-CN': '技术攻关', en: 'Research' },
    continuingEducation: { 'zh-CN': '继续教育', en: 'Continuing education' },
    other: { 'zh-CN': '其他', en: 'Other' },
  },
)

export const agreementStatus = defineEnum(['negotiating', 'signed', 'active', 'expired', 'terminated'], {
  negotiating: { 'zh-CN': '洽谈中', en: 'Negotiating' },
  signed: { 'zh-CN': '已签约', en: 'Signed' },
  active: { 'zh-CN': '运行中', en: 'Active' },
  expired: { 'zh-CN': '已到期', en: 'Expired' },
  terminated: { 'zh-CN': '已终止', en: 'Terminated' },
})

// Offices are set up per major (过程装备与控制工程专业校友联络处) and per city or region (苏州校友联络处).
export const alumniGroupKind = defineEnum(['regionalAssociation', 'liaisonOffice', 'regionalLiaisonOffice', 'other'], {
  regionalAssociation: { 'zh-CN': '地方校友会', en: 'Regional alumni association' },
  liaisonOffice: { 'zh-CN': '专业校友联络处', en: 'Professional liaison office' },
  regionalLiaisonOffice: { 'zh-CN': '地方校友联络处', en: 'City or regional liaison office' },
  other: { 'zh-CN': '其他', en: 'Other' },
})

export const alumniGroupStatus = defineEnum(['proposed', 'preparing', 'established', 'registered'], {
  proposed: { 'zh-CN': '已倡议', en: 'Proposed' },
  preparing: { 'zh-CN': '筹备中', en: 'Preparing' },
  established: { 'zh-CN': '已成立', en: 'Established' },
  registered: { 'zh-CN': '已注册', en: 'Registered' },
})

export const followUpStatus = defineEnum(['open', 'inProgress', 'done', 'dropped'], {
  open: { 'zh-CN': '待办', en: 'Open' },
  inProgress: { 'zh-CN': '进行中', en: 'In progress' },
  done: { 'zh-CN': '已完成', en: 'Done' },
  dropped: { 'zh-CN': '已放弃', en: 'Dropped' },
})

export const tripStatus = defineEnum(['planned', 'ongoing', 'completed', 'cancelled'], {
  planned: { 'zh-CN': '筹划中', en: 'Planned' },
  ongoing: { 'zh-CN': '进行中', en: 'Ongoing' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
})

// 'unknown' first: an alumnus whose degree nobody entered must not be reported as a bachelor.
export const degree = defineEnum(['unknown', 'bachelor', 'master', 'doctor', 'other'], {
  unknown: { 'zh-CN': '未知', en: 'Unknown' },
  bachelor: { 'zh-CN': '本科', en: "Bachelor's" },
  master: { 'zh-CN': '硕士', en: "Master's" },
  doctor: { 'zh-CN': '博士', en: 'Doctorate' },
  other: { 'zh-CN': '其他', en: 'Other' },
})

/** The roles offered for a delegation member; any other role is stored as the text the user typed. */
export const memberRole = defineEnum(['leader', 'member', 'liaison', 'recorder', 'secretary', 'interpreter', 'driver'], {
  leader: { 'zh-CN': '带队', en: 'Leader' },
  member: { 'zh-CN': '成员', en: 'Member' },
  liaison: { 'zh-CN': '联络', en: 'Liaison' },
  recorder: { 'zh-CN': '记录', en: 'Recorder' },
  secretary: { 'zh-CN': '秘书', en: 'Secretary' },
  interpreter: { 'zh-CN': '翻译', en: 'Interpreter' },
  driver: { 'zh-CN': '司机', en: 'Driver' },
})

/** A member's role in words: an offered role in the given language, a typed one as typed. */
export function memberRoleText(role: string, lang: Lang): string {
  return (memberRole.values as readonly string[]).includes(role) ? memberRole.labels[role as (typeof memberRole.values)[number]][lang] : role
}

export const enums = {
  organizationKind,
  activityKind,
  period,
  visitMethod,
  cooperationCategory,
  agreementKind,
  agreementScope,
  agreementStatus,
  alumniGroupKind,
  alumniGroupStatus,
  followUpStatus,
  tripStatus,
  degree,
  memberRole,
} as const
export type EnumName = keyof typeof enums

export function enumLabel(name: EnumName, value: string, lang: Lang): string {
  const labels = enums[name].labels as Record<string, { 'zh-CN': string; en: string }>
  return labels[value]?.[lang] ?? value
}
