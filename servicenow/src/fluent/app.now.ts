// Scope-wide records: the role agents need, the "Litmos Training" menu with its
// Configurations page (administrators only), and the app's properties.
import '@servicenow/sdk/global'
import { ApplicationMenu, Property, Record, Role } from '@servicenow/sdk/core'

/** What the seed tells administrators to add to ITIL (or to single users). */
export const litmosTrainingUser = Role({
    name: 'x_litmo_litmos_int.litmos_training_user',
    description: 'Litmos Training User: may assign Litmos courses to the Caller of an Incident and see their progress.',
    grantable: true,
    canDelegate: true,
})

/**
 * The app's administrator: sets or corrects an agent's Litmos identity
 * (x_litmo_litmos_int_agent). System administrators pass the same ACLs.
 */
export const litmosTrainingAdmin = Role({
    name: 'x_litmo_litmos_int.admin',
    description: 'Litmos Training administrator: may set which Litmos user each ServiceNow agent acts as.',
    containsRoles: [litmosTrainingUser],
    grantable: true,
    canDelegate: false,
})

export const menu = ApplicationMenu({
    $id: Now.ID['menu'],
    title: 'Litmos Training',
    hint: 'Litmos Training for ServiceNow',
    description: 'Assign Litmos training courses to the Caller of an Incident.',
    roles: ['admin', litmosTrainingAdmin],
    active: true,
    order: 100,
})

/** "Configurations": opens the one configuration record (the form, not a list). */
Record({
    $id: Now.ID['module-configurations'],
    table: 'sys_app_module',
    data: {
        title: 'Configurations',
        application: menu,
        link_type: 'DIRECT',
        // The configuration record the app ships (configuration-default in generated/keys.ts).
        query: 'x_litmo_litmos_int_configuration.do?sys_id=7f4c531b760a471283746d5a95a988ac',
        hint: 'Litmos Training URL, ServiceNow API key and the activated endpoints',
        roles: ['admin'],
        active: true,
        order: 100,
    },
})

/** The one configuration record, shipped empty on first install only. */
Record({
    $id: Now.ID['configuration-default'],
    table: 'x_litmo_litmos_int_configuration',
    $meta: { installMethod: 'first install' },
    data: {
        active: true,
        status: 'not_activated',
    },
})

Property({
    $id: Now.ID['property-allow-http'],
    name: 'x_litmo_litmos_int.allow_http_backend',
    type: 'boolean',
    value: false,
    description:
        'Development only: allow an http:// Litmos Training URL (a local test stack). Leave false: the API key must travel over https.',
    roles: { read: ['admin'], write: ['admin'] },
})

Property({
    $id: Now.ID['property-http-timeout'],
    name: 'x_litmo_litmos_int.http_timeout_ms',
    type: 'integer',
    value: 10000,
    description:
        'How long (milliseconds) to wait for Litmos Training before telling the user "Litmos Training is not reachable, try again".',
    roles: { read: ['admin'], write: ['admin'] },
})
