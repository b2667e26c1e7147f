// The short create dialogs a RecordPicker opens from “Create “…””: each collection's own form
// (the register's dialog) in its short size, started from the text typed and the caller's
// defaults. Enter saves, Esc cancels; the new record is picked.
import type { ReactNode } from 'react'
import { ContactDialog } from '../pages/contacts/ContactDialog'
import { OrganizationDialog } from '../pages/organizations/OrganizationDialog'
import { StaffDialog } from '../pages/staff/StaffDialog'
import { InlineCreateContext } from './inlineCreateContext'
import type { InlineCreateRequest } from './inlineCreateContext'

function InlineCreateDialog({ collection, text, defaults = {}, onClose, onCreated }: InlineCreateRequest) {
  const name = text.trim()
  switch (collection) {
    case 'organizations':
      return (
        <OrganizationDialog
          record={null}
          mode="short"
          testId="inline-organization"
          defaults={{ name, kind: defaults.organizationKind ?? 'enterprise', city: defaults.city ?? '' }}
          onClose={onClose}
          onSaved={onCreated}
        />
      )
    case 'contacts':
      return (
        <ContactDialog
          record={null}
          mode="short"
          testId="inline-contact"
          defaults={{ name, position: defaults.position ?? '', organizationId: defaults.organizationId ?? null }}
          onClose={onClose}
          onSaved={onCreated}
        />
      )
    case 'staff':
      return (
        <StaffDialog
          record={null}
          mode="short"
          testId="inline-staff"
          defaults={{ name, title: defaults.title ?? '', department: defaults.department ?? '' }}
          onClose={onClose}
          onSaved={onCreated}
        />
      )
  }
}

const PROVIDED = { Dialog: InlineCreateDialog }

export function InlineCreateProvider({ children }: { children: ReactNode }) {
  return <InlineCreateContext.Provider value={PROVIDED}>{children}</InlineCreateContext.Provider>
}
