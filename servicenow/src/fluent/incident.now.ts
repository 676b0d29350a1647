// The Incident side: the "Assign Courses" button, the business rule that tells the
// backend about incidents, and the incident's Litmos Training list (a remote table of
// GET /v1/servicenow/incidents/{sys_id}/training).
import '@servicenow/sdk/global'
import {
    Acl,
    BusinessRule,
    ChoiceColumn,
    DateTimeColumn,
    DecimalColumn,
    IntegerColumn,
    List,
    Record,
    ReferenceColumn,
    StringColumn,
    Table,
    UiAction,
    UrlColumn,
    default_view,
} from '@servicenow/sdk/core'
import { litmosTrainingAdmin, litmosTrainingUser } from './app.now'
import { assignCoursesButton } from '../server/course-list.js'
import { onIncidentSaved } from '../server/incidents.js'

export const assignCoursesAction = UiAction({
    $id: Now.ID['action-assign-courses'],
    table: 'incident',
    name: 'Assign Courses',
    actionName: 'x_litmo_litmos_int_open_course_list',
    hint: "Assign Litmos training courses to this incident's Caller",
    active: true,
    showUpdate: true,
    showInsert: false,
    form: { showButton: true },
    condition: '!current.caller_id.nil()',
    roles: [litmosTrainingUser],
    order: 500,
    script: assignCoursesButton,
})

BusinessRule({
    $id: Now.ID['br-incident-to-litmos'],
    name: 'Litmos Training: send incident',
    description:
        'Sends a new incident, or a change of its category, to Litmos Training (POST /v1/servicenow/incidents) for the effectiveness report.',
    table: 'incident',
    when: 'async',
    action: ['insert', 'update'],
    condition: "current.operation() == 'insert' || current.category.changes()",
    order: 1000,
    active: true,
    script: onIncidentSaved,
})

export const x_litmo_litmos_int_st_training = Table({
    name: 'x_litmo_litmos_int_st_training',
    label: 'Litmos Training',
    display: 'course',
    scriptableTable: true,
    accessibleFrom: 'package_private',
    schema: {
        incident: ReferenceColumn({ label: 'Incident', referenceTable: 'incident' }),
        course: StringColumn({ label: 'Course', maxLength: 255 }),
        course_id: StringColumn({ label: 'Litmos course id', maxLength: 100 }),
        status: ChoiceColumn({
            label: 'Status',
            choices: {
                not_started: { label: 'Not started', sequence: 0 },
                in_progress: { label: 'In progress', sequence: 1 },
                completed: { label: 'Completed', sequence: 2 },
            },
        }),
        percentage: IntegerColumn({ label: 'Percentage complete' }),
        score: DecimalColumn({ label: 'Score' }),
        assigned_at: DateTimeColumn({ label: 'Assigned' }),
        assigned_by: StringColumn({ label: 'Assigned by', maxLength: 255 }),
        completed_at: DateTimeColumn({ label: 'Completed' }),
        link: UrlColumn({ label: 'Link', maxLength: 1024 }),
    },
})

Record({
    $id: Now.ID['vtable-training'],
    table: 'sys_script_vtable',
    data: {
        name: "Litmos training assigned from an incident",
        table: 'x_litmo_litmos_int_st_training',
        active: true,
        advanced: false,
        script: `(function executeQuery(v_table, v_query) {
    require('x_litmo_litmos_int/litmos-training-servicenow/1.0.0/src/server/incidents.js').queryIncidentTraining(v_table, v_query);
})(v_table, v_query);`,
    },
})

List({
    table: 'x_litmo_litmos_int_st_training',
    view: default_view,
    columns: ['course', 'status', 'percentage', 'score', 'completed_at', 'link'],
})

/**
 * The related list: Incident form > Configure > Related Lists > "Litmos Training >
 * Incident" (the training rows reference their incident). The same list is one click
 * away from the form under Related Links.
 */
UiAction({
    $id: Now.ID['action-open-training'],
    table: 'incident',
    name: 'Litmos Training',
    actionName: 'x_litmo_litmos_int_open_training',
    hint: 'Courses assigned from this incident and the Caller\'s progress',
    active: true,
    showUpdate: true,
    form: { showLink: true },
    roles: [litmosTrainingUser],
    order: 510,
    client: { isClient: true, isUi16Compatible: true, onClick: 'litmosOpenTraining()' },
    script: `function litmosOpenTraining() {
    window.location.href = 'x_litmo_litmos_int_st_training_list.do?sysparm_query=' +
        encodeURIComponent('incident=' + g_form.getUniqueValue());
}`,
})

Acl({
    $id: Now.ID['acl-training-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_training',
    operation: 'read',
    roles: [litmosTrainingUser],
    description: 'Agents with the Litmos Training User role see the training assigned from incidents',
})

Acl({
    $id: Now.ID['acl-training-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_training',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: 'A remote table: its rows come from Litmos Training and are not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-training-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_training',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: 'A remote table: its rows come from Litmos Training and are not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-training-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_training',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: 'A remote table: its rows come from Litmos Training and are not edited in ServiceNow',
})
