// How a RecordPicker opens “Create “…””: the dialogs come from the app root through this context,
// so the picker does not import the collection forms, which themselves use pickers.
import { createContext, useContext } from 'react'
import type { ComponentType } from 'react'
import type { RecordTypes } from '../../../shared/collections'
import type { Organization } from '../../../shared/domain/organizations'

export type InlineCollection = 'organizations' | 'contacts' | 'staff'

/** Initial values a caller can give (e.g. the organisation a new contact works for). */
export interface InlineDefaults {
  organizationId?: string | null
  organizationKind?: Organization['kind']
  city?: string
  position?: string
  title?: string
  department?: string
}

export function canCreateInline(collection: string): collection is InlineCollection {
  return collection === 'organizations' || collection === 'contacts' || collection === 'staff'
}

export interface InlineCreateRequest {
  collection: InlineCollection
  /** the text typed in the picker: becomes the name */
  text: string
  defaults?: InlineDefaults
  onClose: () => void
  onCreated: (record: RecordTypes[InlineCollection]) => void
}

/** The short create dialog of a collection; none where no dialogs are provided. */
export const InlineCreateContext = createContext<{ Dialog: ComponentType<InlineCreateRequest> } | null>(null)

export function useInlineCreate(): { Dialog: ComponentType<InlineCreateRequest> } | null {
  return useContext(InlineCreateContext)
}
