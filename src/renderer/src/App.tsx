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
import { OrganizationsPage } from './pages/organizations/OrganizationsPage'
import { TripPage } from './pages/trips/TripPage'
import { TripsListPage } from './pages/trips/TripsListPage'
import { AgreementsPage } from './pages/agreements/AgreementsPage'
import { AlumniGroupsPage } from './pages/alumniGroups/AlumniGroupsPage'
import { ContactDetailPage } from './pages/contacts/ContactDetailPage'
import { ContactsPage } from './pages/contacts/ContactsPage'
import { FollowUpsPage } from './pages/followUps/FollowUpsPage'
import { OrganizationDetailPage } from './pages/organizations/OrganizationDetailPage'
import { StaffPage } from './pages/staff/StaffPage'
import { SettingsPage } from './pages/SettingsPage'
import { ImportPage } from './pages/import/ImportPage'
import { AppProvider } from './state'

const FONT = ['"Noto Sans SC"', '"PingFang SC"', '"Microsoft YaHei"', '"WenQuanYi Zen Hei"', '"Segoe UI"', 'Roboto', 'Helvetica', 'Arial', 'sans-serif'].join(',')

function useTheme() {
  const { i18n } = useTranslation()
  const lang = isLang(i18n.language) ? i18n.language : 'zh-CN'
  return useMemo(
    () =>
      createTheme(
        {
          palette: {
            primary: { main: '#1f4e79' },
            secondary: { main: '#8a2d2d' },
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
  const theme = useTheme()
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <AppProvider initialSettings={initialSettings}>
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
              <Route path="settings" element={<SettingsPage />} />
              <Route path="*" element={<DashboardPage />} />
            </Route>
          </Routes>
        </HashRouter>
      </AppProvider>
    </ThemeProvider>
  )
}
