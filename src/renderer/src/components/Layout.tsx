import { Suspense } from 'react'
import { NavLink, Outlet, useLocation } from 'react-router-dom'
import { confirmLeave } from './leaveGuard'
import AppBar from '@mui/material/AppBar'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Drawer from '@mui/material/Drawer'
import LinearProgress from '@mui/material/LinearProgress'
import List from '@mui/material/List'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemIcon from '@mui/material/ListItemIcon'
import ListItemText from '@mui/material/ListItemText'
import Chip from '@mui/material/Chip'
import Toolbar from '@mui/material/Toolbar'
import Typography from '@mui/material/Typography'
import TranslateIcon from '@mui/icons-material/Translate'
import { useTranslation } from 'react-i18next'
import { currentLang } from '../i18n'
import { useApp, useErrorText } from '../state'
import { GlobalSearch } from './GlobalSearch'
import { NAV } from './navigation'
import { RecoveryBanner } from './RecoveryBanner'
import { DesktopCommands, desktopBridge } from './DesktopCommands'
import { RemindersPanel } from './RemindersPanel'
import { useDuplicateCounts } from '../pages/duplicates/useDuplicateCounts'
import { useConflicts } from '../pages/exchange/useConflicts'

export const DRAWER_WIDTH = 232

export function Layout() {
  const { t } = useTranslation()
  const { settings, setLanguage, notify } = useApp()
  const errorText = useErrorText()
  const { pathname } = useLocation()
  const lang = currentLang()
  const dupes = useDuplicateCounts()
  const dupeCount = dupes ? Object.values(dupes).reduce((a, b) => a + b, 0) : 0
  const conflictCount = useConflicts()?.length ?? 0
  const org = [settings?.university, settings?.school].filter(Boolean).join(' · ')

  return (
    <Box sx={{ display: 'flex', height: '100vh', overflow: 'hidden' }}>
      <AppBar position="fixed" elevation={0} sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" noWrap sx={{ fontWeight: 600 }}>
            {t('app.title')}
          </Typography>
          <Typography variant="body2" noWrap sx={{ opacity: 0.8, flex: 1, minWidth: 0 }} title={org || t('app.subtitle')}>
            {org || t('app.subtitle')}
          </Typography>
          <GlobalSearch />
          <Button
            color="inherit"
            size="small"
            startIcon={<TranslateIcon />}
            title={t('app.switchLanguage')}
            data-testid="appbar-language"
            onClick={() => setLanguage(lang === 'zh-CN' ? 'en' : 'zh-CN').catch((e: unknown) => notify({ severity: 'error', message: errorText(e) }))}
          >
            {lang === 'zh-CN' ? 'English' : '中文'}
          </Button>
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}
      >
        <Toolbar variant="dense" />
        <List component="nav" aria-label={t('app.title')} dense sx={{ px: 1, pt: 1 }}>
          {NAV.map(({ key, path, icon: Icon }) => {
            const selected = path === '/' ? pathname === '/' : pathname.startsWith(path)
            return (
              <ListItemButton
                key={key}
                component={NavLink}
                to={path}
                selected={selected}
                sx={{ borderRadius: 1, mb: 0.25, py: 0.75 }}
                data-testid={`nav-${key}`}
                onClick={(e: React.MouseEvent) => {
                  if (!confirmLeave()) e.preventDefault()
                }}
              >
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <Icon fontSize="small" color={selected ? 'primary' : 'inherit'} />
                </ListItemIcon>
                <ListItemText primary={t(`nav.${key}`)} slotProps={{ primary: { sx: { fontWeight: selected ? 600 : 400 } } }} />
                {key === 'duplicates' && dupeCount > 0 && <Chip size="small" color="warning" label={dupeCount} data-testid="nav-duplicates-count" sx={{ height: 20 }} />}
                {key === 'exchange' && conflictCount > 0 && (
                  <Chip size="small" color="error" label={conflictCount} title={t('exchange.conflicts.count', { count: conflictCount })} data-testid="nav-conflicts-count" sx={{ height: 20 }} />
                )}
              </ListItemButton>
            )
          })}
        </List>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
        <Toolbar variant="dense" />
        <RecoveryBanner />
        {/* The desktop app reminds through system notifications; a browser page shows the same list itself. */}
        {!desktopBridge() && <RemindersPanel />}
        {/* Pages are lazy chunks: the navigation stays while one loads. */}
        <Suspense fallback={<LinearProgress aria-label={t('app.loading')} />}>
          <Outlet />
        </Suspense>
      </Box>
      {desktopBridge() && <DesktopCommands />}
    </Box>
  )
}
