import { useMemo } from 'react'
import { HashRouter, Route, Routes } from 'react-router-dom'
import CssBaseline from '@mui/material/CssBaseline'
import { createTheme, ThemeProvider } from '@mui/material/styles'
import { enUS as coreEn, zhCN as coreZh } from '@mui/material/locale'
import { enUS as gridEn, zhCN as gridZh } from '@mui/x-data-grid/locales'
import { useTranslation } from 'react-i18next'
import type { Settings } from '../../shared/domain/settings'
import { Layout } from './components/Layout'
import { isLang } from './i18n'
import { DashboardPage } from './pages/DashboardPage'
import { lazyNamed } from './lazyNamed'

// The dashboard is the first screen; every other page is its own chunk, loaded when first opened.
const OrganizationsPage = lazyNamed(() => import('./pages/organizations/OrganizationsPage'), 'OrganizationsPage')
const OrganizationDetailPage = lazyNamed(() => import('./pages/organizations/OrganizationDetailPage'), 'OrganizationDetailPage')
const TripPage = lazyNamed(() => import('./pages/trips/TripPage'), 'TripPage')
const TripsListPage = lazyNamed(() => import('./pages/trips/TripsListPage'), 'TripsListPage')
const AgreementsPage = lazyNamed(() => import('./pages/agreements/AgreementsPage'), 'AgreementsPage')
const AlumniGroupsPage = lazyNamed(() => import('./pages/alumniGroups/AlumniGroupsPage'), 'AlumniGroupsPage')
const ContactDetailPage = lazyNamed(() => import('./pages/contacts/ContactDetailPage'), 'ContactDetailPage')
const ContactsPage = lazyNamed(() => import('./pages/contacts/ContactsPage'), 'ContactsPage')
const FollowUpsPage = lazyNamed(() => import('./pages/followUps/FollowUpsPage'), 'FollowUpsPage')
const StaffPage = lazyNamed(() => import('./pages/staff/StaffPage'), 'StaffPage')
const SettingsPage = lazyNamed(() => import('./pages/SettingsPage'), 'SettingsPage')
const ImportPage = lazyNamed(() => import('./pages/import/ImportPage'), 'ImportPage')
const DuplicatesPage = lazyNamed(() => import('./pages/duplicates/DuplicatesPage'), 'DuplicatesPage')
const ExchangePage = lazyNamed(() => import('./pages/exchange/ExchangePage'), 'ExchangePage')
const HistoryPage = lazyNamed(() => import('./pages/exchange/HistoryPage'), 'HistoryPage')
import { InlineCreateProvider } from './components/InlineCreate'
import { AppProvider } from './state'

const FONT = ['"Noto Sans SC"', '"PingFang SC"', '"Microsoft YaHei"', '"WenQuanYi Zen Hei"', '"Segoe UI"', 'Roboto', 'Helvetica', 'Arial', 'sans-serif'].join(',')

export function useAppTheme() {
  const { i18n } = useTranslation()
  const lang = isLang(i18n.language) ? i18n.language : 'zh-CN'
  return useMemo(
    () =>
      createTheme(
        {
          palette: {
            primary: { main: '#1f4e79' },
            // Alumni marks, "established" and the like: a calm teal, not a red that reads as an error.
            secondary: { main: '#00695c' },
            background: { default: '#f5f6f8' },
          },
          typography: { fontFamily: FONT, fontSize: 14 },
          shape: { borderRadius: 6 },
          components: {
            MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: 'none' } } },
            MuiToggleButton: { styleOverrides: { root: { textTransform: 'none' } } },
          },
        },
        lang === 'en' ? coreEn : coreZh,
        lang === 'en' ? gridEn : gridZh,
      ),
    [lang],
  )
}

export function App({ initialSettings }: { initialSettings: Settings | null }) {
  const theme = useAppTheme()
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppProvider initialSettings={initialSettings}>
        <InlineCreateProvider>
        <HashRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<DashboardPage />} />
              <Route path="trips" element={<TripsListPage />} />
              <Route path="trips/:id" element={<TripPage />} />
              <Route path="organizations" element={<OrganizationsPage />} />
              <Route path="organizations/:id" element={<OrganizationDetailPage />} />
              <Route path="contacts" element={<ContactsPage />} />
              <Route path="contacts/:id" element={<ContactDetailPage />} />
              <Route path="agreements" element={<AgreementsPage />} />
              <Route path="alumni-groups" element={<AlumniGroupsPage />} />
              <Route path="follow-ups" element={<FollowUpsPage />} />
              <Route path="staff" element={<StaffPage />} />
              <Route path="import" element={<ImportPage />} />
              <Route path="duplicates" element={<DuplicatesPage />} />
              <Route path="exchange" element={<ExchangePage />} />
              <Route path="history/:collection/:id" element={<HistoryPage />} />
              <Route path="settings" element={<SettingsPage />} />
              <Route path="*" element={<DashboardPage />} />
            </Route>
          </Routes>
        </HashRouter>
        </InlineCreateProvider>
      </AppProvider>
    </ThemeProvider>
  )
}
