// Strings of file exports (reports and registers). Mounted under `exports`; exports.en.ts has the same keys.
export const exportsZhCN = {
  working: '正在生成…',
  saved: '已保存：{{file}}',
  failed: '导出失败：{{message}}',
  export: '导出 Excel',
  language: '报告语言',
  registers: {
    visits: '导出访企拓岗台账',
    internshipBases: '导出实习基地名录',
    alumni: '导出校友名录',
    alumniGroups: '导出校友组织名录',
    followUps: '导出跟进清单',
  },
  reports: {
    title: '报告',
    intro: '由本次出访的记录自动生成，可直接提交。',
    workbook: '出访汇总表',
    workbookHint: '概况、行程、走访单位、会见人员、成果、跟进事项（Excel）',
    report: '出访工作报告',
    reportHint: '按公文格式（GB/T 9704）排版的总结报告（Word）',
    itinerary: '行程安排',
    itineraryHint: '按日期和上下午排列，含会见人员及联系电话，供代表团随身携带',
    date: '报告日期',
    docx: 'Word',
    xlsx: 'Excel',
  },
}
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }
export type ExportsMessages = DeepStrings<typeof exportsZhCN>
