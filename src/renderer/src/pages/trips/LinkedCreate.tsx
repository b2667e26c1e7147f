// Records created in place from an itinerary item (or from the trip): a follow-up task, an
// agreement (an internship base signed or unveiled at this visit), an alumni organisation (a
// liaison office set up at this forum). Each is its register's own form in its short size,
// with the links to the trip, the item and its organisation filled in; after an agreement or
// an alumni organisation is created, the item's agreementIds / alumniGroupIds record the link.
import { useTranslation } from 'react-i18next'
import type { Agreement } from '../../../../shared/domain/agreements'
import type { AlumniGroup } from '../../../../shared/domain/alumniGroups'
import type { FollowUp } from '../../../../shared/domain/followUps'
import type { Activity } from '../../../../shared/domain/activities'
import type { Trip } from '../../../../shared/domain/trips'
import { call } from '../../api'
import { AgreementDialog } from '../agreements/AgreementDialog'
import { AlumniGroupDialog } from '../alumniGroups/AlumniGroupDialog'
import { FollowUpDialog } from '../followUps/FollowUpDialog'

/** Adds a link to the item, reading it fresh so nothing typed elsewhere is lost. */
async function linkToActivity(activityId: string, field: 'agreementIds' | 'alumniGroupIds', id: string): Promise<void> {
  const fresh = await call('activities.get', { id: activityId })
  if (fresh[field].includes(id)) return
  await call('activities.update', { id: activityId, changes: { [field]: [...fresh[field], id] } })
}

export function FollowUpFromTripDialog({ trip, activity, onClose, onSaved }: { trip: Trip; activity: Activity | null; onClose: () => void; onSaved: (f: FollowUp) => void }) {
  const { t } = useTranslation()
  return (
    <FollowUpDialog
      record={null}
      mode="short"
      title={activity ? t('trips.linked.followUpFromItem', { item: activity.title }) : t('trips.linked.followUpTitle')}
      defaults={{
        tripId: trip.id,
        activityId: activity?.id ?? null,
        // what the item's intentions (or its kind) say the task is about
        category: activity?.intentions[0] ?? (activity?.kind === 'forum' ? 'alumni' : activity ? 'recruitment' : 'other'),
        organizationId: activity?.organizationIds[0] ?? null,
      }}
      onClose={onClose}
      onSaved={onSaved}
    />
  )
}

export function AgreementFromItemDialog({ activity, onClose, onSaved }: { activity: Activity; onClose: () => void; onSaved: (a: Agreement) => void }) {
  const { t } = useTranslation()
  return (
    <AgreementDialog
      record={null}
      mode="short"
      title={t('trips.linked.agreementFromItem', { item: activity.title })}
      defaults={{
        kind: 'internshipBase',
        status: 'signed',
        organizationId: activity.organizationIds[0] ?? null,
        // Only a ceremony's date is taken as the unveiling: a renewal signed at a visit was not unveiled that day.
        unveiledDate: activity.kind === 'ceremony' ? activity.date : '',
      }}
      afterCreate={(created) => linkToActivity(activity.id, 'agreementIds', created.id)}
      onClose={onClose}
      onSaved={onSaved}
    />
  )
}

export function AlumniGroupFromItemDialog({ activity, onClose, onSaved }: { activity: Activity; onClose: () => void; onSaved: (g: AlumniGroup) => void }) {
  const { t } = useTranslation()
  return (
    <AlumniGroupDialog
      record={null}
      mode="short"
      title={t('trips.linked.alumniGroupFromItem', { item: activity.title })}
      defaults={{
        kind: 'liaisonOffice',
        // an office set up at a forum is hosted by the company that hosted the forum
        hostOrganizationId: activity.organizationIds[0] ?? null,
        region: activity.city,
        establishedDate: activity.date,
        status: 'established',
      }}
      hostDefaults={{ city: activity.city }}
      afterCreate={(created) => linkToActivity(activity.id, 'alumniGroupIds', created.id)}
      onClose={onClose}
      onSaved={onSaved}
    />
  )
}
