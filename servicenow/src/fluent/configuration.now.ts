// The Configurations page: backend URL and API key in; activation status and the
// endpoints out, read-only. Only administrators can read or change it. The key field
// is only an input: saving moves the key into the Connection & Credential alias
// "Litmos Training" (an API key credential) and empties the field; server code reads
// it from the alias (sn_cc.ConnectionInfoProvider).
import '@servicenow/sdk/global'
import {
    Acl,
    Alias,
    Form,
    default_view,
    BooleanColumn,
    BusinessRule,
    ChoiceColumn,
    DateTimeColumn,
    IntegerColumn,
    MultiLineTextColumn,
    Password2Column,
    StringColumn,
    Table,
    UiPolicy,
} from '@servicenow/sdk/core'
import { onConfigurationDisplay, onConfigurationSave } from '../server/activation.js'

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
            hint: 'The ServiceNow API key from Litmos: Accounts > Integrations > ServiceNow icon. Saved into the Connection & Credential alias "Litmos Training", not here.',
        }),
        instance_url: StringColumn({ label: 'Activated for instance', maxLength: 255, readOnly: true }),
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
        catalog_generation: StringColumn({ label: 'Course catalog generation', maxLength: 200, readOnly: true }),
        catalog_total: IntegerColumn({ label: 'Courses in the catalog', readOnly: true }),
        catalog_synced_at: DateTimeColumn({ label: 'Course catalog synced', readOnly: true }),
        catalog_checked_at: DateTimeColumn({ label: 'Course catalog checked', readOnly: true }),
        catalog_error: StringColumn({ label: 'Course catalog problem', maxLength: 1000, readOnly: true }),
        automation_agent: StringColumn({
            label: 'Automation agent (Litmos user for flows)',
            maxLength: 255,
            hint: 'The Litmos user (e-mail or user name) the Flow Designer action "Assign Litmos courses" assigns as: flows run as the system, not as an agent. Litmos decides what it may assign by this user\'s access level. Empty: the action refuses to run.',
        }),
        related_lists_added: StringColumn({
            label: 'Training related lists added to',
            maxLength: 1000,
            readOnly: true,
            hint: 'The form layouts (table:view) the app added its Litmos Training related list to; it is not added there again.',
        }),
    },
})

/** The alias whose API key credential holds the key (the credential is written on save). */
export const litmosAlias = Alias({
    $id: Now.ID['alias-litmos'],
    name: 'Litmos Training',
    type: 'connection',
    connectionType: 'httpConnection',
    description: 'The Litmos Training backend: its URL and the ServiceNow API key (an API key credential), written by Litmos Training > Configurations.',
})

/** Tells the administrator when this instance is not the one the app was activated on (a clone). */
BusinessRule({
    $id: Now.ID['br-configuration-display'],
    name: 'Litmos Training: configuration status',
    description: 'Shows on the Configurations page why the app is not calling Litmos Training (a clone of another instance, or not activated).',
    table: 'x_litmo_litmos_int_configuration',
    when: 'display',
    action: ['update'],
    order: 100,
    active: true,
    script: onConfigurationDisplay,
})

Form({
    table: 'x_litmo_litmos_int_configuration',
    view: default_view,
    sections: [
        {
            caption: 'Litmos Training',
            content: [
                {
                    layout: 'two-column',
                    leftElements: [
                        { field: 'backend_url', type: 'table_field' },
                        { field: 'api_key', type: 'table_field' },
                    ],
                    rightElements: [
                        { field: 'status', type: 'table_field' },
                        { field: 'tenant_name', type: 'table_field' },
                        { field: 'activated_at', type: 'table_field' },
                        { field: 'instance_url', type: 'table_field' },
                    ],
                },
                { layout: 'one-column', elements: [{ field: 'endpoints', type: 'table_field' }] },
            ],
        },
        {
            caption: 'Automation',
            content: [{ layout: 'one-column', elements: [{ field: 'automation_agent', type: 'table_field' }] }],
        },
        {
            caption: 'Synchronisation',
            content: [
                {
                    layout: 'two-column',
                    leftElements: [
                        { field: 'catalog_generation', type: 'table_field' },
                        { field: 'catalog_total', type: 'table_field' },
                        { field: 'catalog_synced_at', type: 'table_field' },
                        { field: 'catalog_error', type: 'table_field' },
                    ],
                    rightElements: [
                        { field: 'updates_checked_at', type: 'table_field' },
                        { field: 'updates_cursor', type: 'table_field' },
                    ],
                },
            ],
        },
    ],
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
