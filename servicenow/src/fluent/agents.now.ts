// Which Litmos user each ServiceNow agent acts as (the X-Agent header). Filled by the
// app's server code on an agent's first use from their e-mail (else user name) and then
// locked: sys_user.email is editable by its owner, so changing it later must not change
// whom Litmos sees. Only the app's administrator (x_litmo_litmos_int.admin, and system
// administrators) may read, set, change or remove a mapping.
import '@servicenow/sdk/global'
import { Acl, BooleanColumn, ChoiceColumn, DateTimeColumn, List, Record, ReferenceColumn, StringColumn, Table, default_view } from '@servicenow/sdk/core'
import { litmosTrainingAdmin, menu } from './app.now'

export const x_litmo_litmos_int_agent = Table({
    name: 'x_litmo_litmos_int_agent',
    label: 'Litmos Training Agent Identity',
    display: 'litmos_user',
    accessibleFrom: 'package_private',
    allowWebServiceAccess: false,
    schema: {
        user: ReferenceColumn({ label: 'ServiceNow user', referenceTable: 'sys_user', mandatory: true, unique: true }),
        litmos_user: StringColumn({
            label: 'Litmos user',
            maxLength: 255,
            mandatory: true,
            hint: 'The Litmos user name or e-mail this agent acts as; decides their Litmos access level.',
        }),
        source: ChoiceColumn({
            label: 'Set by',
            dropdown: 'dropdown_without_none',
            default: 'first_use',
            choices: {
                first_use: { label: 'First use (e-mail at that time)', sequence: 0 },
                admin: { label: 'Administrator', sequence: 1 },
            },
        }),
        access_for: StringColumn({ label: 'Access asked for', maxLength: 255, readOnly: true }),
        access_level: StringColumn({ label: 'Litmos access level', maxLength: 40, readOnly: true }),
        access_all: BooleanColumn({ label: 'May assign every active course', readOnly: true }),
        access_course_ids: StringColumn({ label: 'Courses they may assign', maxLength: 65000, readOnly: true }),
        access_notice: StringColumn({ label: 'Access notice', maxLength: 1000, readOnly: true }),
        access_checked_at: DateTimeColumn({
            label: 'Access checked',
            readOnly: true,
            hint: 'What the agent may assign is asked of Litmos Training again 10 minutes after this.',
        }),
    },
    index: [{ name: 'user', element: 'user', unique: true }],
})

List({
    table: 'x_litmo_litmos_int_agent',
    view: default_view,
    columns: ['user', 'litmos_user', 'source', 'sys_updated_on'],
})

Record({
    $id: Now.ID['module-agents'],
    table: 'sys_app_module',
    data: {
        title: 'Agent Identities',
        application: menu,
        link_type: 'LIST',
        name: 'x_litmo_litmos_int_agent',
        hint: 'Which Litmos user each agent acts as',
        roles: ['admin', 'x_litmo_litmos_int.admin'],
        active: true,
        order: 200,
    },
})

Acl({
    $id: Now.ID['acl-agent-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_agent',
    operation: 'read',
    roles: [litmosTrainingAdmin],
    description: "Only the Litmos Training administrator sees or sets an agent's Litmos identity",
})

Acl({
    $id: Now.ID['acl-agent-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_agent',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: "Only the Litmos Training administrator sees or sets an agent's Litmos identity",
})

Acl({
    $id: Now.ID['acl-agent-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_agent',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: "Only the Litmos Training administrator sees or sets an agent's Litmos identity",
})

Acl({
    $id: Now.ID['acl-agent-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_agent',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: "Only the Litmos Training administrator sees or sets an agent's Litmos identity",
})
