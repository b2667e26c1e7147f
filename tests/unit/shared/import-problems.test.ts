import { describe, expect, it } from 'vitest'
import { IMPORT_PROBLEM_CODES, importProblemText } from '../../../src/shared/import-problems'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('import problems in both languages', () => {
  it.each(IMPORT_PROBLEM_CODES)('%s names the same values in Chinese and English', (code) => {
    const params = Object.fromEntries(placeholders(importProblemText(code, {}, 'en')).map((p) => [p, `<${p}>`]))
    const en = importProblemText(code, params, 'en')
    const zh = importProblemText(code, params, 'zh-CN')
    expect(placeholders(zh)).toEqual([])
    expect(placeholders(en)).toEqual([])
    for (const v of Object.values(params)) expect(zh).toContain(v)
    expect(zh).not.toBe(en)
  })

  it("shows a closed value by its label in the reader's language", () => {
    expect(importProblemText('kindReadAs', { kind: 'enterprise', text: '国企' }, 'zh-CN')).toBe('按“企业”导入；原文“国企”保留在备注中')
    expect(importProblemText('degreeReadAs', { degree: 'master', text: '工程硕士' }, 'en')).toBe('Read as Master\'s; "工程硕士" is kept in the notes')
  })

  it('fills a value in, and leaves an unknown placeholder visible rather than blank', () => {
    expect(importProblemText('notEmail', { value: 'a@' }, 'zh-CN')).toBe('“a@”不是电子邮箱地址')
    expect(importProblemText('notEmail', {}, 'en')).toBe('"{value}" is not an e-mail address')
  })
})
