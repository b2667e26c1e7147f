import type { SvgIconComponent } from '@mui/icons-material'
import BadgeIcon from '@mui/icons-material/BadgeOutlined'
import BusinessIcon from '@mui/icons-material/BusinessOutlined'
import ContactsIcon from '@mui/icons-material/ContactsOutlined'
import DashboardIcon from '@mui/icons-material/DashboardOutlined'
import EventNoteIcon from '@mui/icons-material/EventNoteOutlined'
import FlightIcon from '@mui/icons-material/FlightTakeoffOutlined'
import GroupsIcon from '@mui/icons-material/GroupsOutlined'
import HandshakeIcon from '@mui/icons-material/HandshakeOutlined'
import SettingsIcon from '@mui/icons-material/SettingsOutlined'
import TaskIcon from '@mui/icons-material/TaskAltOutlined'
import UploadIcon from '@mui/icons-material/UploadFileOutlined'
import MergeIcon from '@mui/icons-material/MergeTypeOutlined'
import SyncIcon from '@mui/icons-material/SyncAltOutlined'
import type { CollectionName } from '../../../shared/collections'

export type NavKey = 'dashboard' | 'trips' | 'organizations' | 'contacts' | 'agreements' | 'alumniGroups' | 'followUps' | 'staff' | 'import' | 'duplicates' | 'exchange' | 'settings'

export const NAV: ReadonlyArray<{ key: NavKey; path: string; icon: SvgIconComponent }> = [
  { key: 'dashboard', path: '/', icon: DashboardIcon },
  { key: 'trips', path: '/trips', icon: FlightIcon },
  { key: 'organizations', path: '/organizations', icon: BusinessIcon },
  { key: 'contacts', path: '/contacts', icon: ContactsIcon },
  { key: 'agreements', path: '/agreements', icon: HandshakeIcon },
  { key: 'alumniGroups', path: '/alumni-groups', icon: GroupsIcon },
  { key: 'followUps', path: '/follow-ups', icon: TaskIcon },
  { key: 'staff', path: '/staff', icon: BadgeIcon },
  { key: 'import', path: '/import', icon: UploadIcon },
  { key: 'duplicates', path: '/duplicates', icon: MergeIcon },
  { key: 'exchange', path: '/exchange', icon: SyncIcon },
  { key: 'settings', path: '/settings', icon: SettingsIcon },
]

export const NAV_ICONS: Partial<Record<CollectionName, SvgIconComponent>> = {
  trips: FlightIcon,
  activities: EventNoteIcon,
  organizations: BusinessIcon,
  contacts: ContactsIcon,
  agreements: HandshakeIcon,
  alumniGroups: GroupsIcon,
  followUps: TaskIcon,
  staff: BadgeIcon,
}
