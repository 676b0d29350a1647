// The Configurations page: backend URL and API key in; activation status and the
// endpoints out, read-only. Only administrators can read or change it; the key is a
// password2 field (encrypted at rest, never shown in clear, read only by server code).
import '@servicenow/sdk/global'
import {
    Acl,
    BooleanColumn,
    BusinessRule,
    ChoiceColumn,
    DateTimeColumn,
    MultiLineTextColumn,
    Password2Column,
    StringColumn,
    Table,
    UiPolicy,
} from '@servicenow/sdk/core'
import { onConfigurationSave } from '../server/activation.js'

export const x_litmo_litmos_int_configuration = Table({
    name: 'x_litmo_litmos_int_configuration',
    label: 'Litmos Training Configuration',
    display: 'tenant_name',
    accessibleFrom: 'package_private',
    allowWebServiceAccess: false,
    // The four ACLs below are the table's only ones: createAccessControls would make the
    // platform add its own set on install, duplicating them.
    schema: {
        backend_url: StringColumn({
            label: 'Litmos Training URL',
            maxLength: 255,
            hint: 'The address of the Litmos Training service, e.g. https://api.example.com',
        }),
        api_key: Password2Column({
            label: 'API Key',
            maxLength: 255,
            hint: 'The ServiceNow API key from Litmos: Accounts > Integrations > ServiceNow icon',
        }),
        active: BooleanColumn({ label: 'Active', default: 'true' }),
        status: ChoiceColumn({
            label: 'Status',
            readOnly: true,
            default: 'not_activated',
            dropdown: 'dropdown_without_none',
            choices: {
                not_activated: { label: 'Not activated', sequence: 0 },
                active: { label: 'Activated', sequence: 1 },
            },
        }),
        tenant_id: StringColumn({ label: 'Litmos account id', maxLength: 64, readOnly: true }),
        tenant_name: StringColumn({ label: 'Litmos account', maxLength: 255, readOnly: true }),
        activated_at: DateTimeColumn({ label: 'Activated', readOnly: true }),
        endpoints: MultiLineTextColumn({
            label: 'API endpoints',
            maxLength: 4000,
            readOnly: true,
            hint: 'Used by this app; do not edit. Call them outside ServiceNow only for testing.',
        }),
        updates_cursor: StringColumn({ label: 'Training feed cursor', maxLength: 1000, readOnly: true }),
        updates_checked_at: DateTimeColumn({ label: 'Training feed last read', readOnly: true }),
    },
})

BusinessRule({
    $id: Now.ID['br-activate'],
    name: 'Litmos Training: activate on save',
    description: 'Checks the API key with Litmos Training (POST /v1/servicenow/activate) before the configuration is saved.',
    table: 'x_litmo_litmos_int_configuration',
    when: 'before',
    action: ['insert', 'update'],
    order: 100,
    active: true,
    script: onConfigurationSave,
})

/** The endpoints appear once the integration is activated. */
UiPolicy({
    $id: Now.ID['policy-show-endpoints'],
    table: 'x_litmo_litmos_int_configuration',
    shortDescription: 'Show the activation details once activated',
    conditions: 'status=active',
    onLoad: true,
    reverseIfFalse: true,
    actions: [
        { field: 'tenant_name', visible: true, readOnly: true, mandatory: 'ignore' },
        { field: 'activated_at', visible: true, readOnly: true, mandatory: 'ignore' },
        { field: 'endpoints', visible: true, readOnly: true, mandatory: 'ignore' },
        { field: 'updates_checked_at', visible: true, readOnly: true, mandatory: 'ignore' },
    ],
})

Acl({
    $id: Now.ID['acl-configuration-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_configuration',
    operation: 'read',
    roles: ['admin'],
    description: 'Only administrators see or change the Litmos Training configuration',
})

Acl({
    $id: Now.ID['acl-configuration-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_configuration',
    operation: 'write',
    roles: ['admin'],
    description: 'Only administrators see or change the Litmos Training configuration',
})

Acl({
    $id: Now.ID['acl-configuration-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_configuration',
    operation: 'create',
    roles: ['admin'],
    description: 'Only administrators see or change the Litmos Training configuration',
})

Acl({
    $id: Now.ID['acl-configuration-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_configuration',
    operation: 'delete',
    roles: ['admin'],
    description: 'Only administrators see or change the Litmos Training configuration',
})
