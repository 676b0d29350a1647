// Work notes from training progress: a job every 15 minutes reads the backend's feed
// and notes each change on its incident once (ids kept in a small table).
import '@servicenow/sdk/global'
import { Acl, ChoiceColumn, Record, ReferenceColumn, ScheduledScript, StringColumn, Table } from '@servicenow/sdk/core'
import { syncTrainingUpdates } from '../server/work-notes.js'
import { litmosTrainingAdmin } from './app.now'

export const x_litmo_litmos_int_noted_update = Table({
    name: 'x_litmo_litmos_int_noted_update',
    label: 'Litmos Training Noted Update',
    display: 'update_id',
    accessibleFrom: 'package_private',
    schema: {
        update_id: StringColumn({ label: 'Feed entry id', maxLength: 100, unique: true }),
        incident: ReferenceColumn({ label: 'Record', referenceTable: 'task' }),
        outcome: ChoiceColumn({
            label: 'Outcome',
            choices: {
                noted: { label: 'Work note added', sequence: 0 },
                incident_not_found: { label: 'Incident not found', sequence: 1 },
                training_only: { label: 'Training updated, no note (a rule batch after its first entry)', sequence: 2 },
            },
        }),
    },
    index: [{ name: 'update_id', element: 'update_id', unique: true }],
})

/**
 * Noted ids expire after 90 days (Table Cleaner): the feed gives each entry once, and
 * a re-read after an outage goes back minutes or days, not months.
 */
Record({
    $id: Now.ID['auto-flush-noted'],
    table: 'sys_auto_flush',
    data: {
        tablename: 'x_litmo_litmos_int_noted_update',
        matchfield: 'sys_created_on',
        age: 7776000, // 90 days, in seconds
        active: true,
    },
})

ScheduledScript({
    $id: Now.ID['job-training-updates'],
    name: 'Litmos Training: work notes from training progress',
    active: true,
    frequency: 'periodically',
    executionInterval: { minutes: 15 },
    timeZone: 'UTC',
    script: syncTrainingUpdates,
})

Acl({
    $id: Now.ID['acl-noted-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_noted_update',
    operation: 'read',
    roles: ['admin'],
    description: 'Administrators can see which feed entries were noted',
})

Acl({
    $id: Now.ID['acl-noted-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_noted_update',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: 'Written by the scheduled job (as the system); administrators may clean it up',
})

Acl({
    $id: Now.ID['acl-noted-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_noted_update',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: 'Written by the scheduled job (as the system); administrators may clean it up',
})

Acl({
    $id: Now.ID['acl-noted-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_noted_update',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: 'Written by the scheduled job (as the system); administrators may clean it up',
})
