/**
 * One cell holding where a person works and what they are there, as alumni directories often have it
 * ("工作单位及职务": "南昌大学 教授", "江西铜业股份有限公司/总工程师", "南昌大学资源与环境学院院长").
 */

/** How an organisation's name ends: the unit words of Chinese organisations. */
const ORG_END = /(?:公司|集团|大学|学院|学校|中学|小学|研究院|研究所|设计院|党校|政府|管委会|委员会|事务所|中心|银行|医院|协会|学会|局|厅|委|厂|矿|所|站|部|办|处|院|馆|社|队|室|科)$/
/** How a position ends (…员: 研究员, 辅导员, 科员); a tail that does not end like one is not split off a name. */
const POSITION_END = /(?:院长|校长|书记|主任|经理|董事长|董事|总监|工程师|教授|讲师|局长|处长|科长|所长|站长|队长|厂长|主席|总裁|总工|部长|厅长|秘书长|会长|理事长|员工|助理|顾问|合伙人|负责人|主管|组长|行长|社长|馆长|总编|编辑|会计|律师|医生|医师|教师|老师|干部|科员|干事|班长|主编|设计师|分析师|架构师|创始人|\p{Script=Han}员|ceo|cto|cfo|coo)$/iu
/**
 * Between the two as typed: a slash, a comma, a bar, a space; the last one, since an organisation's
 * name may hold one ("中国建设银行股份有限公司 南昌分行 行长") and a position rarely does.
 */
const SEPARATED = /^(.+)(?:[/|,，;；、]|\s)\s*(\S.*?)$/
const TRAILING_SEPARATORS = /[\s/|,，;；、]+$/
const HAN = /\p{Script=Han}/u
const LATIN_POSITION = /(?:engineer|manager|director|professor|lecturer|president|chairman|officer|partner|founder|consultant|researcher|analyst|ceo|cto|cfo|coo)$/i
const BRACKETED = /^(.+?)\s*[(（]([^()（）]+)[)）]$/
/** the longest position written after its organisation with nothing between */
const MAX_TAIL = 12

/** by: 'written' when the cell itself shows where one ends, 'words' when read from how the words end (worth a look) */
export type OrgAndPosition =
  | { organization: string; position: string; by: 'written' | 'words' }
  | null

/**
 * The organisation and the position of such a cell: split where the writer put a separator, else where
 * an organisation's unit word (公司, 大学, 局) is followed by a position (院长, 总工程师). A cell that
 * is only an organisation's name is that organisation; anything else is null (the caller keeps it).
 */
export function orgAndPosition(text: string): OrgAndPosition {
  const bracketed = BRACKETED.exec(text)
  if (bracketed && POSITION_END.test(bracketed[2])) return { organization: bracketed[1], position: bracketed[2], by: 'written' }
  const separated = SEPARATED.exec(text)
  // A Latin name is split only before a position: "Huawei Technologies Co., Ltd." has commas of its own.
  if (separated && (HAN.test(text) || LATIN_POSITION.test(separated[2]))) return { organization: separated[1].replace(TRAILING_SEPARATORS, ''), position: separated[2], by: 'written' }
  // From the right, so that the shortest position is tried first and "副总经理" is not split at "总经理".
  for (let i = text.length - 1; i >= 2 && text.length - i <= MAX_TAIL; i--) {
    const head = text.slice(0, i)
    const tail = text.slice(i)
    if (POSITION_END.test(tail) && ORG_END.test(head)) return { organization: head, position: tail, by: 'words' }
  }
  return ORG_END.test(text) ? { organization: text, position: '', by: 'written' } : null
}
