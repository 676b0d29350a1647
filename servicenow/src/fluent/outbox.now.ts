// Sends to the backend that failed for a passing reason, tried again by a job with a
// growing pause; a row that keeps failing stays "Failed" for an administrator.
import '@servicenow/sdk/global'
import {
    Acl,
    ChoiceColumn,
    DateTimeColumn,
    IntegerColumn,
    List,
    Record,
    ReferenceColumn,
    ScheduledScript,
    StringColumn,
    Table,
    default_view,
} from '@servicenow/sdk/core'
import { retrySends } from '../server/outbox.js'
import { litmosTrainingAdmin, menu } from './app.now'

export const x_litmo_litmos_int_outbox = Table({
    name: 'x_litmo_litmos_int_outbox',
    label: 'Litmos Training Outbox',
    display: 'number',
    accessibleFrom: 'package_private',
    allowWebServiceAccess: false,
    schema: {
        record: ReferenceColumn({ label: 'Record', referenceTable: 'task', unique: true, readOnly: true }),
        record_table: StringColumn({ label: 'Record table', maxLength: 80, readOnly: true }),
        number: StringColumn({ label: 'Number', maxLength: 40, readOnly: true }),
        state: ChoiceColumn({
            label: 'State',
            readOnly: true,
            dropdown: 'dropdown_without_none',
            default: 'pending',
            choices: {
                pending: { label: 'Waiting to be sent again', sequence: 0 },
                failed: { label: 'Failed', sequence: 1 },
            },
        }),
        attempts: IntegerColumn({ label: 'Attempts', readOnly: true }),
        next_attempt_at: DateTimeColumn({ label: 'Next attempt', readOnly: true }),
        last_status: IntegerColumn({ label: 'Last HTTP status', readOnly: true }),
        last_error: StringColumn({ label: 'Last problem', maxLength: 1000, readOnly: true }),
    },
    index: [{ name: 'record', element: 'record', unique: true }],
})

List({
    table: 'x_litmo_litmos_int_outbox',
    view: default_view,
    columns: ['number', 'state', 'attempts', 'next_attempt_at', 'last_status', 'last_error'],
})

ScheduledScript({
    $id: Now.ID['job-outbox'],
    name: 'Litmos Training: send again what failed',
    active: true,
    frequency: 'periodically',
    executionInterval: { minutes: 5 },
    timeZone: 'UTC',
    script: retrySends,
})

Record({
    $id: Now.ID['module-outbox'],
    table: 'sys_app_module',
    data: {
        title: 'Outbox',
        application: menu,
        link_type: 'LIST',
        name: 'x_litmo_litmos_int_outbox',
        hint: 'Records not yet sent to Litmos Training, and those that failed',
        roles: ['admin', 'x_litmo_litmos_int.admin'],
        active: true,
        order: 300,
    },
})

Acl({
    $id: Now.ID['acl-outbox-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_outbox',
    operation: 'read',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system; the Litmos Training administrator may look at it and clean it up',
})

Acl({
    $id: Now.ID['acl-outbox-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_outbox',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system; the Litmos Training administrator may look at it and clean it up',
})

Acl({
    $id: Now.ID['acl-outbox-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_outbox',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system; the Litmos Training administrator may look at it and clean it up',
})

Acl({
    $id: Now.ID['acl-outbox-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_outbox',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system; the Litmos Training administrator may look at it and clean it up',
})
