// Issue 9's measurement: a trip that is not the sample (three days in Shenzhen and Dongguan,
// visits to new enterprises with their industries and new people, an alumni forum with a new
// city liaison office, an internship base signed at a visit, follow-ups) entered through the UI
// from an empty database, in English, as a user would: every click, non-text key and character
// typed goes through one counter. The figures are printed (README "Entering a trip: the count").
// Targets: a new enterprise visit with a new organisation (with its industry) and a new person
// in at most 8 keystrokes plus the text, no mouse; and once the trip exists, the whole trip is
// entered without leaving its page.
import type { Locator, Page } from '@playwright/test'
import { apiCall, expect, navigate, openApp, test } from './fixtures'

interface Rec {
  id: string
  [k: string]: unknown
}

/** What the user did, counted the way the issue counts it. */
class Hands {
  clicks = 0
  keys = 0
  chars = 0
  /** set once the trip exists: from then on every action must leave the page on the trip */
  tripPath: RegExp | null = null
  readonly left: string[] = []

  constructor(private readonly page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && this.tripPath && !this.tripPath.test(frame.url())) this.left.push(frame.url())
    })
  }

  private async stillOnTrip(): Promise<void> {
    if (this.tripPath) expect(this.page.url()).toMatch(this.tripPath)
  }

  async click(target: Locator): Promise<void> {
    this.clicks++
    await target.click()
    await this.stillOnTrip()
  }

  /** A non-text key (Enter, Tab, Ctrl+Enter, N on a slot…). */
  async press(key: string): Promise<void> {
    this.keys++
    await this.page.keyboard.press(key)
    await this.stillOnTrip()
  }

  async type(text: string): Promise<void> {
    this.chars += [...text].length
    await this.page.keyboard.type(text)
  }

  /** Types into a field, clicking it first unless the cursor is already there, and replacing what it held. */
  async fill(field: Locator, text: string): Promise<void> {
    if (!(await field.evaluate((el) => el === el.ownerDocument.activeElement))) await this.click(field)
    if ((await field.inputValue()) !== '') await this.press('Control+a')
    await this.type(text)
    await expect(field).toHaveValue(text)
  }

  /** Picks an option of a select: click it open, click the option. */
  async choose(select: Locator, option: string): Promise<void> {
    await this.click(select)
    await this.click(this.page.getByRole('option', { name: option, exact: true }))
  }

  snapshot(): { clicks: number; keys: number; chars: number } {
    return { clicks: this.clicks, keys: this.keys, chars: this.chars }
  }
}

const TRIP = 'Enterprise visits and alumni forum in Shenzhen and Dongguan'

interface NewOrg {
  name: string
  city?: string
  industry: string
  /** a kind other than the one offered */
  kind?: string
}
interface NewPerson {
  name: string
  position: string
  alumni?: { classYear: string; major: string }
}

test('a three-day trip entered from an empty database: clicks, keystrokes and characters counted', async ({ page, server }) => {
  // Several minutes on two shared cores: the limit is for a hang, not for speed.
  test.setTimeout(600_000)
  await page.setViewportSize({ width: 1440, height: 1000 })
  await openApp(page, server)
  const hands = new Hands(page)
  await hands.click(page.getByTestId('appbar-language'))
  await expect(page.getByTestId('nav-trips')).toHaveText('Trips')
  hands.clicks++ // the navigation link below
  await navigate(page, 'trips')

  /** Types into a picker and waits until its first option is the one Enter will take. */
  const typeInPicker = async (text: string, offered: 'create' | string) => {
    await hands.type(text)
    const first = page.getByRole('listbox').getByRole('option').first()
    if (offered === 'create') await expect(page.getByRole('listbox').getByTestId('picker-create')).toBeVisible()
    else await expect(first).toContainText(offered)
  }
  /** In a focused picker: a record already there, found by part of its name. */
  const pickExisting = async (text: string, name: string) => {
    await typeInPicker(text, name)
    await hands.press('Enter')
    await expect(page.getByRole('listbox')).toBeHidden()
  }
  /** In a focused picker: a new organisation with its city and industry, all from the keyboard. */
  const createOrg = async (o: NewOrg) => {
    await typeInPicker(o.name, 'create')
    await hands.press('Enter')
    const dialog = page.getByTestId('inline-organization')
    await expect(dialog.getByRole('textbox', { name: 'City' })).toBeFocused()
    if (o.kind) await hands.choose(dialog.getByRole('combobox', { name: 'Kind' }), o.kind)
    const city = dialog.getByRole('textbox', { name: 'City' })
    if (o.city !== undefined && (await city.inputValue()) !== o.city) await hands.fill(city, o.city)
    await hands.press('Tab')
    await expect(dialog.getByRole('textbox', { name: 'Industry' })).toBeFocused()
    await hands.type(o.industry)
    await hands.press('Enter')
    await expect(dialog).toBeHidden()
  }
  /** In a focused picker: a new person (the organisation is suggested by the item). */
  const createPerson = async (p: NewPerson) => {
    await typeInPicker(p.name, 'create')
    await hands.press('Enter')
    const dialog = page.getByTestId('inline-contact')
    await expect(dialog.getByRole('textbox', { name: 'Position', exact: true })).toBeFocused()
    await hands.type(p.position)
    if (p.alumni) {
      await hands.click(dialog.getByLabel('Alumnus of the school'))
      await hands.fill(dialog.getByRole('textbox', { name: 'Class year' }), p.alumni.classYear)
      await hands.fill(dialog.getByRole('textbox', { name: 'Major' }), p.alumni.major)
    }
    await hands.press('Enter')
    await expect(dialog).toBeHidden()
  }
  /** In a focused staff picker: a new staff member with a title. */
  const createStaff = async (name: string, title: string) => {
    await typeInPicker(name, 'create')
    await hands.press('Enter')
    const dialog = page.getByTestId('inline-staff')
    await expect(dialog.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused()
    await hands.type(title)
    await hands.press('Enter')
    await expect(dialog).toBeHidden()
  }

  // ---- the trip and its delegation, in the New trip dialog -----------------------------------
  await hands.click(page.getByRole('button', { name: 'New trip' }))
  const newTrip = page.getByRole('dialog', { name: 'New trip' })
  await expect(newTrip.getByRole('textbox', { name: 'Title' })).toBeFocused()
  await hands.type(TRIP)
  await hands.press('Tab') // theme
  await hands.type('Expanding jobs and internships in the Greater Bay Area')
  await hands.press('Tab')
  await hands.type('2026-06-15')
  await hands.press('Tab')
  await hands.type('2026-06-17')
  await hands.press('Tab')
  await hands.type('Shenzhen')
  await hands.press('Enter')
  await hands.type('Dongguan')
  await hands.press('Enter')
  await hands.press('Tab')
  await expect(newTrip.getByRole('combobox', { name: 'Leader' })).toBeFocused()
  await createStaff('Zhang Wei', 'Dean of the school')
  await hands.press('Tab')
  await expect(newTrip.getByRole('combobox', { name: 'Other delegation members' })).toBeFocused()
  await createStaff('Li Na', 'Head of the careers office')
  await createStaff('Chen Gang', 'Office secretary')
  await hands.press('Control+Enter')
  await expect(newTrip).toBeHidden()
  await expect(page.getByRole('heading', { name: TRIP })).toBeVisible()
  const trip = (await apiCall<{ items: Rec[] }>(server, 'trips.list', {})).items[0]
  hands.tripPath = new RegExp(`#/trips/${trip.id}(\\?|$)`)
  expect(page.url()).toMatch(hands.tripPath)
  const start = hands.snapshot()

  // ---- the itinerary -------------------------------------------------------------------------
  await hands.click(page.getByRole('tab', { name: /Itinerary/ }))
  const dialog = page.getByTestId('activity-form')
  const orgs = dialog.getByRole('combobox', { name: /Organisations visited|Organisations attending/ })
  const people = dialog.getByRole('combobox', { name: /People met|Participants/ })
  const openSlot = async (id: string, how: 'click' | 'focused') => {
    const slot = page.getByTestId(`slot-${id}`)
    if (how === 'click') await hands.click(slot)
    await expect(slot).toBeFocused()
    await hands.press('n')
    await expect(dialog).toBeVisible()
    await expect(orgs).toBeFocused()
  }
  const saveItem = async (id: string) => {
    await hands.press('Control+Enter')
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId(`slot-${id}`)).toBeFocused()
  }

  // 15 June, morning: a new enterprise and its HR director, then topics and outcomes.
  await openSlot('2026-06-15-morning', 'click')
  await createOrg({ name: 'Huaxin Battery Technology Co., Ltd.', city: 'Shenzhen', industry: 'New energy batteries' })
  await hands.press('Tab')
  await expect(people).toBeFocused()
  await createPerson({ name: 'Zhou Ming', position: 'HR director' })
  await hands.press('Tab')
  await hands.type('Graduate recruitment for 2027; internships in battery process engineering')
  await hands.press('Tab')
  await hands.type('Will offer 30 positions to our graduates')
  await saveItem('2026-06-15-morning')

  // The target: the next visit of the same morning, a new organisation with its industry
  // and a new person, from the keyboard only.
  const before = hands.snapshot()
  await openSlot('2026-06-15-morning', 'focused')
  await createOrg({ name: 'Pengcheng Robotics Ltd.', city: 'Shenzhen', industry: 'Industrial robots' })
  await hands.press('Tab')
  await expect(people).toBeFocused()
  await createPerson({ name: 'Wu Lei', position: 'Chief technology officer' })
  await saveItem('2026-06-15-morning')
  const visit = { clicks: hands.clicks - before.clicks, keys: hands.keys - before.keys, chars: hands.chars - before.chars }
  console.log(`One new visit (new organisation with industry, new person): ${visit.clicks} clicks, ${visit.keys} keystrokes, ${visit.chars} characters`)
  expect(visit.clicks).toBe(0)
  expect(visit.keys).toBeLessThanOrEqual(8)
  const robots = (await apiCall<{ items: Rec[] }>(server, 'organizations.list', {})).items.find((o) => o.name === 'Pengcheng Robotics Ltd.')
  expect(robots).toMatchObject({ industry: 'Industrial robots', city: 'Shenzhen', kind: 'enterprise' })
  const wu = (await apiCall<{ items: Rec[] }>(server, 'contacts.list', {})).items.find((c) => c.name === 'Wu Lei')
  expect(wu).toMatchObject({ position: 'Chief technology officer', organizationId: robots?.id })

  // 15 June, afternoon: the alumni forum, hosted by an alumni-founded company; one participant
  // met in the morning, one new alumnus.
  await openSlot('2026-06-15-afternoon', 'click')
  await hands.press('Alt+2') // Forum
  await createOrg({ name: 'Qianhai Alumni Capital Co., Ltd.', industry: 'Venture capital' })
  await hands.press('Tab')
  await expect(people).toBeFocused()
  await pickExisting('Zhou', 'Zhou Ming')
  await createPerson({ name: 'Huang Li', position: 'Managing partner', alumni: { classYear: '2008', major: 'Environmental engineering' } })
  await hands.fill(dialog.getByRole('textbox', { name: 'Title', exact: true }), 'Shenzhen alumni forum')
  await hands.fill(dialog.getByRole('textbox', { name: 'Consensus reached' }), 'Set up a Shenzhen alumni liaison office hosted by Qianhai Alumni Capital')
  await saveItem('2026-06-15-afternoon')
  const forumCard = page.getByTestId('activity-card').filter({ hasText: 'Shenzhen alumni forum' })
  await expect(forumCard).toContainText('Huang Li')

  // The liaison office set up at the forum: a city office, hosted by the forum's host.
  await hands.click(forumCard.getByRole('button', { name: /More actions for/ }))
  await hands.click(page.getByRole('menuitem', { name: 'New alumni organisation' }))
  const office = page.getByRole('dialog', { name: /New alumni organisation/ })
  await expect(office.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused()
  await hands.type('Shenzhen Alumni Liaison Office')
  await hands.choose(office.getByRole('combobox', { name: 'Kind' }), 'City or regional liaison office')
  await hands.click(office.getByRole('combobox', { name: 'Person in charge' }))
  await pickExisting('Huang', 'Huang Li')
  await hands.press('Control+Enter')
  await expect(office).toBeHidden()
  await expect(forumCard.getByTestId('activity-links')).toContainText('Shenzhen Alumni Liaison Office')

  // 16 June, morning, Dongguan: a research institute, whose internship base is signed there.
  await openSlot('2026-06-16-morning', 'click')
  await createOrg({ name: 'Songshan Lake Materials Laboratory', city: 'Dongguan', industry: 'Advanced materials', kind: 'Research institute' })
  await hands.press('Tab')
  await createPerson({ name: 'Xu Jing', position: 'Deputy director' })
  await hands.press('Tab')
  await hands.type('Internships for master’s students; joint supervision of theses')
  await saveItem('2026-06-16-morning')
  const labCard = page.getByTestId('activity-card').filter({ hasText: 'Songshan Lake Materials Laboratory' })
  await hands.click(labCard.getByRole('button', { name: /More actions for/ }))
  await hands.click(page.getByRole('menuitem', { name: 'New agreement / internship base' }))
  const agreement = page.getByRole('dialog', { name: /New agreement \/ internship base/ })
  await expect(agreement.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused()
  await hands.type('Graduate internship base')
  await hands.fill(agreement.getByRole('textbox', { name: 'Start date' }), '2026-07-01')
  await hands.press('Tab')
  await hands.type('2029-06-30')
  await hands.fill(agreement.getByRole('textbox', { name: 'Places per year' }), '12')
  await hands.press('Enter')
  await expect(agreement).toBeHidden()
  await expect(labCard.getByTestId('activity-links')).toContainText('Graduate internship base')

  // 16 June, afternoon: the development-zone committee (a meeting).
  await openSlot('2026-06-16-afternoon', 'click')
  await hands.press('Alt+3') // Meeting
  await createOrg({ name: 'Songshan Lake Hi-tech Zone Administrative Committee', city: 'Dongguan', industry: 'Public administration' })
  await hands.press('Tab')
  await createPerson({ name: 'Liang Bo', position: 'Deputy director of investment' })
  await hands.press('Tab')
  await hands.press('Tab')
  await hands.type('A platform linking the zone, the school and its enterprises')
  await saveItem('2026-06-16-afternoon')

  // 17 June, morning: a last enterprise, with the positions it offers.
  await openSlot('2026-06-17-morning', 'click')
  await createOrg({ name: 'Guangdong Precision Moulds Co., Ltd.', city: 'Dongguan', industry: 'Mould manufacturing' })
  await hands.press('Tab')
  await createPerson({ name: 'He Ping', position: 'General manager' })
  await hands.fill(dialog.getByRole('textbox', { name: 'Positions offered' }), '15')
  await saveItem('2026-06-17-morning')

  // Follow-ups: one from the forum, one for the whole trip.
  await hands.click(forumCard.getByRole('button', { name: /More actions for/ }))
  await hands.click(page.getByRole('menuitem', { name: 'New follow-up' }))
  const followUp = page.getByRole('dialog', { name: /New follow-up/ })
  await expect(followUp.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused()
  await hands.type('Register the Shenzhen liaison office with the alumni association')
  await hands.click(followUp.getByRole('combobox', { name: 'Owner' }))
  await pickExisting('Chen', 'Chen Gang')
  await hands.fill(followUp.getByRole('textbox', { name: 'Due' }), '2026-09-30')
  await hands.press('Enter')
  await expect(followUp).toBeHidden()

  await hands.click(page.getByRole('tab', { name: /Outcomes/ }))
  await hands.click(page.getByRole('button', { name: 'New follow-up' }))
  await expect(followUp.getByRole('textbox', { name: 'Title', exact: true })).toBeFocused()
  await hands.type('Send the recruitment brochure to the five enterprises visited')
  await hands.click(followUp.getByRole('combobox', { name: 'Owner' }))
  await pickExisting('Li', 'Li Na')
  await hands.fill(followUp.getByRole('textbox', { name: 'Due' }), '2026-07-15')
  await hands.press('Enter')
  await expect(followUp).toBeHidden()
  await expect(page.getByTestId('outcomes-followUps').getByTestId('followup-row')).toHaveCount(2)

  // What was entered is what the trip now holds.
  const totals = page.getByTestId('trip-totals')
  await expect(totals.getByTestId('total-enterprisesVisited-value')).toHaveText('5')
  await expect(totals.getByTestId('total-internshipBases-value')).toHaveText('1')
  await expect(totals.getByTestId('total-alumniGroupsFounded-value')).toHaveText('1')
  await expect(totals.getByTestId('total-alumniMet-value')).toHaveText('1')
  const organizations = (await apiCall<{ items: Rec[] }>(server, 'organizations.list', {})).items
  expect(organizations).toHaveLength(6)
  for (const o of organizations) expect(o.industry).not.toBe('')
  const items = (await apiCall<{ items: Rec[] }>(server, 'activities.list', {})).items
  expect(items).toHaveLength(6)
  expect((await apiCall<{ items: Rec[] }>(server, 'agreements.list', {})).items[0]).toMatchObject({
    title: 'Graduate internship base', startDate: '2026-07-01', endDate: '2029-06-30', capacityPerYear: 12, unveiledDate: null,
  })
  expect((await apiCall<{ items: Rec[] }>(server, 'alumniGroups.list', {})).items[0]).toMatchObject({ name: 'Shenzhen Alumni Liaison Office', kind: 'regionalLiaisonOffice' })

  // Never left the trip page once it existed.
  expect(page.url()).toMatch(hands.tripPath)
  expect(hands.left).toEqual([])
  const onTrip = { clicks: hands.clicks - start.clicks, keys: hands.keys - start.keys, chars: hands.chars - start.chars }
  console.log(`Trip page (itinerary, outcomes, follow-ups): ${onTrip.clicks} clicks, ${onTrip.keys} keystrokes, ${onTrip.chars} characters`)
  console.log(`Whole trip from an empty database: ${hands.clicks} clicks, ${hands.keys} keystrokes, ${hands.chars} characters`)
})
