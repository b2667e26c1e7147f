import type { z } from 'zod'
import type { Contact, Organization, Staff } from '../../shared/domain'
import type { ImportBatch } from '../../shared/domain/importBatches'
import { rowProblem } from '../../shared/import'
import type { ColumnUseName, ImportCell, PlanColumn, PlanCounts, PlanRow, planInput } from '../../shared/import'
import type { DbData } from '../db/schema'
import { OrgMatcher, OrgNameLookup, PersonMatcher, personKey } from './duplicates'
import type { OrgMatch } from './duplicates'
import { fieldsByContent } from './column-content'
import { afterOthersContact, headerSignature, suggestMapping, TARGET_FIELDS } from './fields'
import { exampleRow, footerText, repeatsHeader } from './footer-row'
import type { ColumnUse, ImportTarget } from './fields'
import { detectHeaderRow, headerLayout, headingRows, mergedDown } from './header-row'
import { columnLetter } from './limits'
import { normClassYear, normText } from './normalize'
import type { ParsedFile } from './parse-file'
import { rowValues } from './row-values'
import type { ColumnSpec } from './row-values'
import { runToEnd, stepDue } from '../turns'

export type PlanOptions = z.output<typeof planInput>

/** What commit needs beyond what the preview shows: the validated inputs. */
export interface PlannedRow extends PlanRow {
  input: Record<string, unknown>
  given: string[]
  /** contacts: key of a new organisation planned in this import */
  newOrgKey: string | null
}
export interface Plan {
  columns: PlanColumn[]
  sheets: Array<{ name: string; headerRow: number; headerDepth: number; dataStart: number }>
  rows: PlannedRow[]
  counts: PlanCounts
  /** new organisations: key -> name */
  newOrganizations: Map<string, string>
  /** what the rows naming a new organisation say of it (单位性质, 单位行业 …): key -> its fields and notes */
  newOrganizationDetails: Map<string, { fields: Record<string, string>; notes: string[] }>
  headerSignature: string
  mapping: Record<string, string>
}

type Rec = Contact | Organization | Staff

const show = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('、') : String(v))

/** The remembered mapping: the last committed import with the same headers. */
export function rememberedMapping(batches: readonly ImportBatch[], signature: string): Record<string, string> {
  for (let i = batches.length - 1; i >= 0; i--) if (batches[i].headerSignature === signature) return batches[i].mapping
  return {}
}

/** Current value of an import field on a record, for comparing and for showing both sides of a conflict. */
function currentValue(target: ImportTarget, rec: Rec, field: string): unknown {
  if (target === 'contacts' && (field === 'classYear' || field === 'degree' || field === 'major')) {
    const a = (rec as Contact).alumni
    return a ? a[field] : null
  }
  return (rec as unknown as Record<string, unknown>)[field]
}
function newValue(input: Record<string, unknown>, field: string): unknown {
  if (field === 'classYear' || field === 'degree' || field === 'major') return (input.alumni as Record<string, unknown> | undefined)?.[field]
  return input[field]
}
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? '') === JSON.stringify(b ?? '')

/**
 * The dry run: every row with its action, computed from the parsed file, the
 * user's choices and the database as it is now. Commit recomputes it against
 * the state it writes to, so what the preview said is what happens.
 */
export function buildPlan(file: ParsedFile, opts: PlanOptions, db: DbData, fileCreated: string | null): Plan {
  return runToEnd(planSteps(file, opts, db, fileCreated))
}

/**
 * A cell normText cannot make blank: a number, or text with a digit, Latin letter or Chinese character
 * (all unchanged by NFKC). Lets a filled row skip normalising every cell just to learn it is not blank.
 */
const plainlyFilled = (c: ImportCell): boolean => typeof c === 'number' || typeof c === 'boolean' || (typeof c === 'string' && /[0-9A-Za-z\u4e00-\u9fff]/.test(c))

/** Rows planned between two looks at the clock (a row takes a few microseconds). */
const ROWS_PER_STEP = 64

/**
 * buildPlan as steps: yields the number of rows planned so far, so a caller can plan 100,000 rows in
 * slices of the event loop, show progress and stop between steps.
 */
export function* planSteps(
  file: ParsedFile,
  opts: PlanOptions,
  db: DbData,
  fileCreated: string | null,
  /** false only to check that remembering organisation look-ups gives the same plan */
  rememberOrgs = true,
): Generator<number, Plan> {
  const target = opts.target as ImportTarget
  const columns: PlanColumn[] = []
  const sheetsOut: Plan['sheets'] = []
  const rows: PlannedRow[] = []
  const rowByKey = new Map<string, PlannedRow>()
  const live = (db[target] as Rec[]).filter((r) => r.deletedAt === null)
  const byId = new Map(live.map((r) => [r.id, r]))
  const orgMatcher = new OrgMatcher(db.organizations)
  const orgs = rememberOrgs ? new OrgNameLookup(orgMatcher) : { match: (name: string, code = '') => orgMatcher.match(name, code), learn: (id: string, name: string, code = '') => orgMatcher.add(id, name, [], code) }
  const orgName = new Map(db.organizations.map((o) => [o.id, o.name]))
  const people = target === 'contacts' ? new PersonMatcher(db.contacts) : null
  const targetOrgs = target === 'organizations' ? new OrgMatcher(db.organizations) : null
  const staffByName = new Map<string, Staff[]>()
  if (target === 'staff') for (const s of db.staff) if (s.deletedAt === null) staffByName.set(personKey(s.name), [...(staffByName.get(personKey(s.name)) ?? []), s])
  const newOrganizations = new Map<string, string>()
  /** The name of what a matcher found: a record, a row of this file ("row:…") or an organisation this import creates ("new:…"). */
  const nameOfMatch = (id: string): string =>
    id.startsWith('row:') ? String(rowByKey.get(id.slice(4))?.input.name ?? '') : id.startsWith('new:') ? (newOrganizations.get(id) ?? '') : (orgName.get(id) ?? show((byId.get(id) as { name?: string } | undefined)?.name))
  /** record id -> the row of this import that updates it */
  const updatedBy = new Map<string, PlannedRow>()
  const newOrganizationDetails = new Map<string, { fields: Record<string, string>; notes: string[] }>()
  /** The first row to say a field of a new organisation gives it; every row's words are kept once. */
  const detailNewOrg = (orgKey: string, d: NonNullable<ReturnType<typeof rowValues>['orgDetails']>) => {
    const had = newOrganizationDetails.get(orgKey) ?? { fields: {}, notes: [] }
    for (const [field, value] of Object.entries(d.fields)) had.fields[field] ??= value
    for (const line of d.notes) if (!had.notes.includes(line)) had.notes.push(line)
    newOrganizationDetails.set(orgKey, had)
  }
  const corrections = new Map(opts.corrections.map((c) => [`${c.sheet}\u0000${c.row}\u0000${c.column}`, c.value]))
  const mappingOut: Record<string, string> = {}
  let signature = ''

  for (const sel of opts.sheets) {
    const sheet = file.sheets.find((s) => s.name === sel.name)
    if (!sheet) continue
    const headerRow = sel.headerRow ?? detectHeaderRow(target, sheet.rows, sheet.merges)
    const layout = headerLayout(sheet.rows, sheet.merges, headerRow)
    sheetsOut.push({ name: sheet.name, headerRow, headerDepth: layout.depth, dataStart: layout.dataStart })
    const sheetSignature = headerSignature(target, layout.labels)
    if (signature === '') signature = sheetSignature
    const remembered = rememberedMapping(db.importBatches, sheetSignature)
    const suggested = suggestMapping(target, layout.labels)
    const allowed = new Set<string>([...TARGET_FIELDS[target], 'keepInNotes', 'ignore'])
    const chosen = layout.labels.map((label): ColumnUse | undefined => {
      const user = opts.mapping[label]
      const rem = remembered[label]
      // allowed holds only uses of this register, so the strings are ColumnUse values.
      return (user !== undefined && allowed.has(user) ? user : rem !== undefined && allowed.has(rem) ? rem : undefined) as ColumnUse | undefined
    })
    // Only a column the dictionary left to the notes is looked at, and only for a field no column has yet.
    // A column the file hides (an ID number, a helper column) holds what its author did not show: left out
    // unless chosen. Not the ID: the app's own export hides it, and a re-import must update its records.
    const hidden = new Set(sheet.hiddenColumns)
    for (const col of hidden) if (col < suggested.length && suggested[col] !== 'id') suggested[col] = 'ignore'
    // Not a hidden column, nor the one after an employer's contact person (its numbers are the employer's).
    const byContent = fieldsByContent(target, chosen.map((c, i) => c ?? suggested[i]), (col) => chosen[col] === undefined && !hidden.has(col) && !afterOthersContact(target, layout.labels, col), sheet.rows, layout.dataStart)
    const specs: ColumnSpec[] = layout.labels.map((label, index) => {
      const user = opts.mapping[label]
      const rem = remembered[label]
      const content = byContent.get(index)
      const use = (chosen[index] ?? content ?? suggested[index]) as ColumnUseName
      const source = user !== undefined ? 'user' : rem !== undefined ? 'remembered' : content !== undefined ? 'content' : hidden.has(index) ? 'hidden' : 'dictionary'
      columns.push({ sheet: sheet.name, label, letter: columnLetter(index), use, source })
      mappingOut[label] = use
      return { index, label, use }
    })

    const merged = mergedDown(sheet.rows, sheet.merges, layout.dataStart)
    const headings = headingRows(sheet.rows, sheet.merges, layout.dataStart)
    // A heading that is a class year ("2015届") gives it to the rows under it that lack one, as a sheet's name does.
    let sectionYear: number | null = null
    // The header's work (detection, merged cells, mapping: 12 ms for 100,000 rows) is a step of its own.
    yield rows.length
    for (let r = layout.dataStart; r < sheet.rows.length; r++) {
      if (stepDue(r - layout.dataStart, ROWS_PER_STEP)) yield rows.length
      const rowNumber = r + 1
      const raw = sheet.rows[r]
      const under = merged.get(r)
      const cells: ImportCell[] = corrections.size === 0 ? specs.map((s) => raw[s.index] ?? under?.get(s.index) ?? null) : specs.map((s) => {
        const fix = corrections.get(`${sheet.name}\u0000${rowNumber}\u0000${s.label}`)
        return fix !== undefined ? fix : (raw[s.index] ?? under?.get(s.index) ?? null)
      })
      if (!cells.some(plainlyFilled) && cells.every((c) => normText(c) === '')) continue
      const shown: Record<string, string> = {}
      specs.forEach((s, i) => (shown[s.label] = show(cells[i])))
      const cellsByIndex: ImportCell[] = []
      specs.forEach((s, i) => (cellsByIndex[s.index] = cells[i]))
      // A "合计" merged across the row is a footer, not a heading.
      const headingText = headings.get(r) ?? null
      const heading = headingText !== null && footerText([headingText], '') === null ? headingText : null
      if (heading !== null) {
        const year = normClassYear(heading)
        if (year.ok && year.value !== null && year.warningFound === undefined) sectionYear = year.value
      }
      const v = rowValues(target, specs, cellsByIndex, sectionYear ?? sel.classYear)
      // An employer's particulars go to it only when this import creates it; an existing one is not
      // changed from a person's row, so they stay with the person, in the notes.
      const orgCode = v.orgDetails?.fields.creditCode ?? ''
      // Matched once per row: nothing learnt between here and the organisation's link below changes it.
      let orgMatch: OrgMatch | undefined
      const matchOrg = (): OrgMatch => (orgMatch ??= orgs.match(v.organizationName, orgCode))
      if (v.orgDetails !== null) {
        const m = v.organizationName === '' ? null : matchOrg()
        if (m === null || (m.kind === 'same' && !m.id.startsWith('new:'))) {
          v.input.notes = [typeof v.input.notes === 'string' ? v.input.notes : '', ...v.orgDetails.lines].filter((l) => l !== '').join('\n')
          v.given.add('notes')
          v.orgDetails = null
        }
      }
      const key = `${sheet.name}!${rowNumber}`
      const footerLine = footerText(cells, typeof v.input.name === 'string' ? v.input.name : '')
      const skipped = footerLine !== null ? rowProblem('warning', 'footerRow', { text: footerLine })
        : heading !== null ? rowProblem('warning', 'headingRow', { text: heading })
          : repeatsHeader(cells, specs) ? rowProblem('warning', 'headerAgain', {})
            : exampleRow(cells) ? rowProblem('warning', 'exampleRow', {}) : null
      const row: PlannedRow = {
        key, sheet: sheet.name, row: rowNumber, cells: shown, problems: skipped !== null ? [skipped] : v.problems, action: 'create',
        targetId: null, targetName: '', matchedBy: '', changes: [], conflicts: [], organization: null, input: v.input, given: [...v.given], newOrgKey: null,
      }
      rows.push(row)
      rowByKey.set(key, row)
      if (skipped !== null) {
        row.action = 'skip'
        continue
      }
      if (v.problems.some((p) => p.level === 'error')) {
        row.action = 'error'
        continue
      }
      const name = String(v.input.name ?? '')

      // Which record the row is about: the app's own id first, then the duplicate rules.
      let match: { id: string; by: string } | null = null
      let possible: { id: string; by: string } | null = null
      if (v.id !== '') {
        if (byId.has(v.id)) match = { id: v.id, by: 'id' }
        else row.problems.push(rowProblem('warning', 'unknownId', { id: v.id }, { column: 'ID', letter: '' }))
      }
      if (match === null && people) {
        const m = people.match({ name, phone: String(v.input.phone ?? ''), classYear: (v.input.alumni as { classYear?: number } | undefined)?.classYear ?? null, major: String((v.input.alumni as { major?: string } | undefined)?.major ?? '') })
        if (m.kind === 'same') match = { id: m.id, by: 'mobile+name' }
        else if (m.kind === 'phoneOtherName') row.problems.push(rowProblem('warning', 'sameMobile', { name: m.name }))
        else if (m.kind === 'candidate') possible = { id: m.ids[0], by: 'name+classYear+major' }
      }
      if (match === null && targetOrgs) {
        const m = targetOrgs.match(name, v.creditCode)
        if (m.kind === 'same') match = { id: m.id, by: m.by }
        else if (m.kind === 'similar') possible = { id: m.id, by: 'similar name' }
        else if (m.kind === 'partOf') row.problems.push(rowProblem('warning', 'branchOf', { name: nameOfMatch(m.id) }))
      }
      if (match === null && target === 'staff') {
        const list = staffByName.get(personKey(name)) ?? []
        const phone = String(v.input.phone ?? '')
        const hit = list.find((s) => phone !== '' && s.phone.replace(/\D/g, '') === phone)
        if (hit) match = { id: hit.id, by: 'mobile+name' }
        else if (list.length > 0) possible = { id: list[0].id, by: 'name' }
      }
      // Rows of this file are in the matchers too (ids "row:…"): a repeat of an earlier row is a duplicate, never a second record.
      const earlier = match?.id.startsWith('row:') ? match : possible?.id.startsWith('row:') ? possible : null
      if (earlier !== null && opts.decisions[key] !== 'create') {
        const first = rowByKey.get(earlier.id.slice(4))
        row.action = 'duplicate'
        row.matchedBy = `${earlier.by}: row ${first?.row ?? '?'} of ${first?.sheet ?? ''}`
        row.targetName = first ? String(first.input.name ?? '') : ''
        continue
      }

      const decision = opts.decisions[key]
      if (match === null && possible !== null) {
        row.targetId = possible.id
        row.targetName = show((byId.get(possible.id) as { name?: string } | undefined)?.name)
        row.matchedBy = possible.by
        row.action = decision === 'create' ? 'create' : decision === 'update' ? 'update' : 'duplicate'
        if (decision === 'update') match = possible
        else if (decision === 'create') row.targetId = null
      }
      if (match !== null) {
        const rec = byId.get(match.id) as Rec
        row.targetId = rec.id
        row.targetName = show((rec as { name?: string }).name)
        row.matchedBy = match.by
        // Matched by name, alias or code, the sheet's spelling of the name is not a rename.
        if (match.by !== 'id') row.given = row.given.filter((f) => f !== 'name')
        for (const field of row.given) {
          if (field === 'organization' || field === 'notes') continue
          const from = currentValue(target, rec, field)
          const to = newValue(v.input, field)
          if (!same(from, to)) row.changes.push({ field, from: show(from), to: show(to) })
        }
        const notesTo = String(v.input.notes ?? '')
        if (notesTo !== '' && !String((rec as { notes: string }).notes).includes(notesTo)) row.changes.push({ field: 'notes', from: (rec as { notes: string }).notes, to: notesTo })
        const editedSinceFile = match.by === 'id' && fileCreated !== null && rec.updatedAt > fileCreated
        if (editedSinceFile && row.changes.length > 0) {
          row.action = 'conflict'
          row.conflicts = row.changes.map((c) => ({ field: c.field, sheet: c.to, current: c.from }))
        } else row.action = row.changes.length > 0 || row.given.includes('organization') ? 'update' : 'unchanged'
      }

      // Contacts: the organisation named in the row, linked or created once per import.
      if (target === 'contacts' && v.organizationName !== '' && row.action !== 'duplicate') {
        const m = matchOrg()
        if (m.kind === 'same' && m.id.startsWith('new:')) {
          row.organization = { action: 'create', id: null, name: newOrganizations.get(m.id) ?? v.organizationName, note: '' }
          row.newOrgKey = m.id
          if (v.orgDetails !== null) detailNewOrg(m.id, v.orgDetails)
        } else if (m.kind === 'same') row.organization = { action: 'link', id: m.id, name: orgName.get(m.id) ?? v.organizationName, note: m.by }
        else {
          const note = m.kind === 'similar' ? `similar to ${nameOfMatch(m.id)}` : m.kind === 'partOf' ? `a branch of ${nameOfMatch(m.id)}` : ''
          const orgKey = `new:${newOrganizations.size}`
          newOrganizations.set(orgKey, v.organizationName)
          orgs.learn(orgKey, v.organizationName, orgCode)
          row.organization = { action: 'create', id: null, name: v.organizationName, note }
          row.newOrgKey = orgKey
          if (v.orgDetails !== null) detailNewOrg(orgKey, v.orgDetails)
        }
        if (row.action === 'update' || row.action === 'unchanged') {
          const rec = byId.get(row.targetId ?? '') as Contact | undefined
          const linkTo = row.newOrgKey ?? row.organization.id
          if (rec && rec.organizationId !== linkTo) {
            row.changes.push({ field: 'organization', from: rec.organizationId ? (orgName.get(rec.organizationId) ?? '') : '', to: row.organization.name })
            row.action = 'update'
          } else if (row.changes.length === 0) row.action = 'unchanged'
        }
      }

      if (opts.mode === 'create' && (row.action === 'update' || row.action === 'unchanged' || row.action === 'conflict')) {
        row.action = 'skip'
        row.problems.push(rowProblem('warning', 'createOnlyLeaves', { name: row.targetName, matchedBy: row.matchedBy }))
      }
      if (opts.mode === 'update' && row.action === 'create') row.action = 'skip'
      // One record, one update per import: a second row about it (a visit log naming the same person
      // twice) would be checked against the record as it was before the first and refuse the commit.
      if ((row.action === 'update' || row.action === 'conflict') && row.targetId !== null) {
        const first = updatedBy.get(row.targetId)
        if (first === undefined) updatedBy.set(row.targetId, row)
        else {
          row.action = 'duplicate'
          row.matchedBy = `${row.matchedBy}: row ${first.row} of ${first.sheet}`
          row.problems.push(rowProblem('warning', 'sameRecordTwice', { name: row.targetName, row: first.row, sheet: first.sheet }))
        }
      }
      if (row.action === 'create') {
        const alumni = v.input.alumni as { classYear?: number; major?: string } | undefined
        people?.add(`row:${key}`, { name, phone: String(v.input.phone ?? ''), classYear: alumni?.classYear ?? null, major: alumni?.major ?? '' })
        targetOrgs?.add(`row:${key}`, name, (v.input.aliases as string[] | undefined) ?? [], v.creditCode)
      }
    }
  }
  // Organisations created for contacts only if some row that is written needs them.
  const needed = new Set(rows.filter((r) => r.action === 'create' || r.action === 'update').map((r) => r.newOrgKey))
  for (const k of [...newOrganizations.keys()]) {
    if (needed.has(k)) continue
    newOrganizations.delete(k)
    newOrganizationDetails.delete(k)
  }
  yield rows.length
  const counts: PlanCounts = { create: 0, update: 0, duplicate: 0, unchanged: 0, conflict: 0, error: 0, skip: 0 }
  for (const r of rows) counts[r.action]++
  return { columns, sheets: sheetsOut, rows, counts, newOrganizations, newOrganizationDetails, headerSignature: signature, mapping: mappingOut }
}
