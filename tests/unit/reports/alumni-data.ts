// Many alumni for the register tests at scale, built in a plain loop (a second, not gen.ts's validated eight).
import { emptyDb } from '../../../src/main/db/schema'
import type { DbData } from '../../../src/main/db/schema'
import type { Contact, Organization } from '../../../src/shared/domain'

const MAJORS = ['机械工程', '环境工程', '过程装备与控制工程', '材料科学与工程', 'Computer Science']
const CITIES = ['上海', '南通', '北京', '深圳', '杭州']

/** `n` alumni in 5,000 organisations; class years 1985–2024, one in ten without an organisation. */
export function bigData(n: number): DbData {
  const data = emptyDb()
  const sys = { createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'test', deletedAt: null, tags: [], notes: '' }
  const orgs: Organization[] = Array.from({ length: 5000 }, (_, i) => ({
    ...sys, id: `org-${i}`, name: `${CITIES[i % 5]}第${i}号科技有限公司`, nameEn: '', kind: 'enterprise', industry: '新材料', city: CITIES[i % 5], province: '', address: '', website: '', alumniFounded: false, aliases: [], creditCode: '',
  }))
  const contacts: Contact[] = Array.from({ length: n }, (_, i) => ({
    ...sys,
    id: `ctc-${i}`,
    name: i % 9 === 0 ? `Alex Smith ${i}` : `校友${i}`,
    organizationId: i % 10 === 0 ? null : `org-${i % 5000}`,
    position: i % 3 === 0 ? '总经理' : '高级工程师',
    honorific: '',
    positionEn: '',
    phone: `138${String(i).padStart(8, '0')}`,
    email: `alumni${i}@example.com`,
    wechat: i % 2 ? `wx_${i}` : '',
    city: i % 10 === 0 ? CITIES[i % 5] : '',
    alumni: { classYear: 1985 + (i % 40), degree: 'bachelor', major: MAJORS[i % 5] },
  }))
  data.organizations = orgs
  data.contacts = contacts
  return data
}
