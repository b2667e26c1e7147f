import { describe, expect, it } from 'vitest'
import { tripMember } from '../../../src/shared/domain/trips'
import { memberRoleText } from '../../../src/shared/enums'

describe('a delegation member’s role', () => {
  it('is an offered role or the text the office typed', () => {
    expect(tripMember.parse({ staffId: 's1', role: 'interpreter' }).role).toBe('interpreter')
    expect(tripMember.parse({ staffId: 's1', role: '  摄影 ' }).role).toBe('摄影')
    expect(tripMember.parse({ staffId: 's1' }).role).toBe('member')
    expect(tripMember.safeParse({ staffId: 's1', role: '   ' }).success).toBe(false)
    expect(tripMember.safeParse({ staffId: 's1', role: 'x'.repeat(41) }).success).toBe(false)
  })

  it('reads in the report language when offered, as typed otherwise', () => {
    expect(memberRoleText('interpreter', 'zh-CN')).toBe('翻译')
    expect(memberRoleText('driver', 'en')).toBe('Driver')
    expect(memberRoleText('摄影', 'en')).toBe('摄影')
  })
})
