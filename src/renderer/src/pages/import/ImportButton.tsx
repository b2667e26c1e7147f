import Button from '@mui/material/Button'
import UploadIcon from '@mui/icons-material/UploadFileOutlined'
import { useNavigate } from 'react-router-dom'
import { useTranslation } from 'react-i18next'
import type { Target } from './useImportWizard'

/** "Import" on a register: opens the wizard with that register chosen. */
export function ImportButton({ target }: { target: Target }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  return (
    <Button startIcon={<UploadIcon />} onClick={() => navigate(`/import?target=${target}`)} data-testid={`import-${target}`}>
      {t('imports.open')}
    </Button>
  )
}
