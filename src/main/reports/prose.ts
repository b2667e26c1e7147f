// Turning what a clerk typed into what a clerk would print: topic notes into
// sentences with a subject, one outcome shared by many companies said once,
// no sentence twice. Pure string work, tested through the trip report.
import type { Lang } from '../../shared/enums'
import { joinList, sentence, stripEndPunct } from './format'

/** The items of a topic note: 访企拓岗；产业需求；推荐优秀毕业生 -> three items. */
export function topicItems(topics: string): string[] {
  return topics
    .split(/[；;\n]|。(?!”)/u)
    .map((s) => stripEndPunct(s))
    .filter(Boolean)
}

/** Chinese items that already start with a verb or a preposition and can follow a subject as they are. */
const ZH_VERB_START = /^(与|同|向|对|就|围绕|感谢|回顾|探讨|交流|介绍|参观|考察|听取|了解|推荐|商讨|研究|洽谈|座谈|看望|慰问|签署|举行|召开|推进|推动|开展|共建|深化)/u

/**
 * Topic notes as one sentence with a subject. Items that are already clauses
 * follow the subject; noun phrases become what was discussed; a labelled item
 * ("参会者：…") is said as "参会者为…". Empty when there are no topics.
 */
export function topicsSentence(topics: string, subject: string, lang: Lang): string {
  const items = topicItems(topics)
  if (!items.length) return ''
  const labelled: string[] = []
  const clauses: string[] = []
  const nouns: string[] = []
  for (const item of items) {
    const m = /^([^：:]{1,12})[：:]\s*(.+)$/su.exec(item)
    if (m) labelled.push(lang === 'zh-CN' ? `${m[1]}为${stripEndPunct(m[2])}` : `${m[1]} were ${stripEndPunct(m[2])}`)
    else if (lang === 'zh-CN' && ZH_VERB_START.test(item)) clauses.push(item)
    else nouns.push(lang === 'zh-CN' ? item : lowerFirst(item))
  }
  const out: string[] = labelled.map((s) => sentence(s, lang))
  if (lang === 'zh-CN') {
    const about = nouns.length ? `就${joinList(nouns, lang)}${nouns.length > 1 ? '等' : ''}进行了深入交流` : ''
    if (clauses.length || about) out.push(sentence(`${subject}${clauses.join('，')}${clauses.length && about ? '，并' : ''}${about}`, lang))
  } else if (nouns.length) {
    out.push(sentence(`Topics included ${joinList(nouns, lang)}`, lang))
  }
  return out.join(lang === 'zh-CN' ? '' : ' ')
}

/** English notes often drop their subject: "Discussed the possibility of …", "Explored …". */
const EN_VERB_START = /^(Discussed|Explored|Exchanged|Agreed|Reached|Visited|Toured|Signed|Introduced|Reviewed|Held|Talked|Shared|Proposed|Expressed)\b/

/**
 * An outcome note whose sentences start with a verb ("探讨了前瞻性合作议题，…",
 * "Discussed the possibility of …") said with a subject ("双方还探讨了…", "The two
 * sides also discussed …"); `also` after something was already said of them.
 * Sentences that name their own subject are kept as typed.
 */
export function outcomeWithSubject(text: string, lang: Lang, also: boolean): string {
  const t = text.trim()
  if (!t) return t
  return sentencesOf(t, lang)
    .map((s, i) => {
      const again = also || i > 0
      if (lang === 'zh-CN') return ZH_VERB_START.test(s) ? `双方${again ? '还' : ''}${s}` : s
      return EN_VERB_START.test(s) ? `The two sides ${again ? 'also ' : ''}${s.charAt(0).toLowerCase()}${s.slice(1)}` : s
    })
    .join(lang === 'zh-CN' ? '' : ' ')
}

/** Keeps acronyms and proper names: only a capital followed by a lower-case letter is lowered. */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s
}

/** The first clause of an outcome and what follows it: 就…达成积极意向，詹益斌博士… -> [就…达成积极意向, 詹益斌博士…]. */
export function leadClause(text: string, lang: Lang): [string, string] {
  const t = text.trim()
  const m = lang === 'zh-CN' ? /^(.+?)[，；。](.*)$/su.exec(t) : /^(.+?)(?:;|\.\s)(.*)$/su.exec(t)
  if (!m) return [stripEndPunct(t), '']
  return [stripEndPunct(m[1]), m[2].trim()]
}

/** For comparing sentences: no spaces, no final punctuation, no case. */
export function sentenceKey(s: string): string {
  return stripEndPunct(s).replace(/\s+/g, '').toLowerCase()
}

/** The sentences of a paragraph, each with its own punctuation. */
export function sentencesOf(text: string, lang: Lang): string[] {
  if (lang === 'zh-CN') return text.match(/[^。！？]+(?:[。！？]+[”」』）]?|$)/gu)?.map((s) => s.trim()).filter(Boolean) ?? []
  // A full stop ends an English sentence when a capital follows; "Co., Ltd. and" does not.
  return text.split(/(?<=[.!?]["”]?)\s+(?=["“(]?[A-Z])/u).map((s) => s.trim()).filter(Boolean)
}

/**
 * Removes every sentence already said earlier in the document. Returns the
 * paragraph's remaining text ('' when nothing new is left).
 */
export function withoutRepeats(text: string, seen: Set<string>, lang: Lang): string {
  const kept: string[] = []
  for (const s of sentencesOf(text, lang)) {
    const key = sentenceKey(s)
    if (key.length > 0 && seen.has(key)) continue
    seen.add(key)
    kept.push(s)
  }
  return kept.join(lang === 'zh-CN' ? '' : ' ')
}

/**
 * The short title a headline puts with the name: 学院党委书记 -> 书记
 * ("王立坤书记"), "Secretary of the Party Committee" -> "Secretary".
 */
export function shortTitle(title: string, lang: Lang): string {
  const first = title.split(/[，,、;；]/u)[0]?.trim() ?? ''
  if (!first) return ''
  if (lang === 'zh-CN') {
    const m = /(副?(?:书记|院长|校长|主任|处长|部长|所长|教授|研究员|总经理|董事长))$/u.exec(first)
    return m ? m[1] : ''
  }
  return first.replace(/\s+(?:of|at|for)\b.*$/i, '').trim()
}
