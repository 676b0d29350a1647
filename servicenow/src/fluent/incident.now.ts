// The Incident side: the "Assign Courses" button, the business rule that tells the
// backend about incidents, and the training assigned from a record (a local table the
// work-note job fills from the backend's feed).
import '@servicenow/sdk/global'
import {
    Acl,
    BusinessRule,
    ChoiceColumn,
    DateTimeColumn,
    DecimalColumn,
    IntegerColumn,
    List,
    Property,
    Record,
    ReferenceColumn,
    StringColumn,
    Table,
    UiAction,
    default_view,
} from '@servicenow/sdk/core'
import { litmosTrainingAdmin, litmosTrainingUser } from './app.now'
import { onIncidentSaved } from '../server/incidents.js'

/**
 * "Assign Courses" on the Incident form: a window of courses over the form (classic
 * UI: GlideModal; Service Operations Workspace: g_modal.showFrame).
 */
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
    client: { isClient: true, isUi16Compatible: true, onClick: 'litmosOpenCourseWindow()' },
    messages: ['Assign Courses', 'Litmos Training is not reachable, try again'],
    script: Now.include('../ui/open-course-window.client.js'),
    workspace: {
        isConfigurableWorkspace: true,
        showFormButtonV2: true,
        clientScriptV2: Now.include('../ui/workspace-open-course-window.client.js'),
    },
})

/** The same on the CSM Case form: the learner is the case's contact, else its consumer's user. */
export const assignCoursesCaseAction = UiAction({
    $id: Now.ID['action-assign-courses-case'],
    table: 'sn_customerservice_case',
    name: 'Assign Courses',
    actionName: 'x_litmo_litmos_int_open_course_list_case',
    hint: "Assign Litmos training courses to this case's contact or consumer",
    active: true,
    showUpdate: true,
    showInsert: false,
    form: { showButton: true },
    roles: [litmosTrainingUser],
    order: 500,
    client: { isClient: true, isUi16Compatible: true, onClick: 'litmosOpenCourseWindow()' },
    messages: ['Assign Courses', 'Litmos Training is not reachable, try again'],
    script: Now.include('../ui/open-course-window.client.js'),
    workspace: {
        isConfigurableWorkspace: true,
        showFormButtonV2: true,
        clientScriptV2: Now.include('../ui/workspace-open-course-window.client.js'),
    },
})

/**
 * The workspaces' registration of the two UI actions: a UX Form Action
 * (`sys_ux_form_action`, action type "UI Action") per table. Ticking "Workspace Form
 * Button" on a UI action in the platform's own form makes this record through the
 * platform's business rule; the SDK installs by XML import, which runs no such rule,
 * so the app ships it. Without it Service Operations Workspace and the CSM
 * Configurable Workspace show only the page's own actions (Save, Delete), not
 * "Assign Courses". Specificity 20 is the platform's value for a table-specific action.
 */
export const assignCoursesWorkspaceAction = Record({
    $id: Now.ID['ux-form-action-assign-courses'],
    table: 'sys_ux_form_action',
    data: {
        name: 'Assign Courses',
        table: 'incident',
        action_type: 'ui_action',
        ui_action: assignCoursesAction,
        specificity: 20,
        active: true,
    },
})

export const assignCoursesCaseWorkspaceAction = Record({
    $id: Now.ID['ux-form-action-assign-courses-case'],
    table: 'sys_ux_form_action',
    data: {
        name: 'Assign Courses',
        table: 'sn_customerservice_case',
        action_type: 'ui_action',
        ui_action: assignCoursesCaseAction,
        specificity: 20,
        active: true,
    },
})

BusinessRule({
    $id: Now.ID['br-case-to-litmos'],
    name: 'Litmos Training: send case',
    description:
        'Sends a new case, or a change of its category, contact or consumer, to Litmos Training (POST /v1/servicenow/incidents with table sn_customerservice_case), as incidents are sent.',
    table: 'sn_customerservice_case',
    when: 'async',
    action: ['insert', 'update'],
    condition: "current.operation() == 'insert' || current.category.changes() || current.contact.changes() || current.consumer.changes()",
    order: 1000,
    active: true,
    script: onIncidentSaved,
})

BusinessRule({
    $id: Now.ID['br-incident-to-litmos'],
    name: 'Litmos Training: send incident',
    description:
        'Sends a new incident, or a change of its category or Caller, to Litmos Training (POST /v1/servicenow/incidents) for the effectiveness report, while the integration is active; a failed send waits in the outbox.',
    table: 'incident',
    when: 'async',
    action: ['insert', 'update'],
    condition: "current.operation() == 'insert' || current.category.changes() || current.caller_id.changes()",
    order: 1000,
    active: true,
    script: onIncidentSaved,
})

/**
 * The training assigned from a record (an incident or a CSM case: both are tasks),
 * local rows filled by the work-note job from the backend's feed and by each
 * successful assignment: the list asks the backend nothing.
 */
export const x_litmo_litmos_int_training = Table({
    name: 'x_litmo_litmos_int_training',
    label: 'Litmos Training',
    display: 'course',
    accessibleFrom: 'package_private',
    allowWebServiceAccess: false,
    schema: {
        record: ReferenceColumn({ label: 'Record', referenceTable: 'task', readOnly: true }),
        record_table: StringColumn({ label: 'Record table', maxLength: 80, readOnly: true }),
        learner_id: StringColumn({ label: 'Litmos learner id', maxLength: 100, readOnly: true }),
        course: StringColumn({ label: 'Course', maxLength: 255, readOnly: true }),
        course_id: StringColumn({ label: 'Litmos course id', maxLength: 100, readOnly: true }),
        status: ChoiceColumn({
            label: 'Status',
            readOnly: true,
            choices: {
                not_started: { label: 'Not started', sequence: 0 },
                in_progress: { label: 'In progress', sequence: 1 },
                completed: { label: 'Completed', sequence: 2 },
            },
        }),
        percentage: IntegerColumn({ label: 'Percentage complete', readOnly: true }),
        score: DecimalColumn({ label: 'Score', readOnly: true }),
        assigned_at: DateTimeColumn({ label: 'Assigned', readOnly: true }),
        assigned_by: StringColumn({ label: 'Assigned by', maxLength: 255, readOnly: true }),
        completed_at: DateTimeColumn({ label: 'Completed', readOnly: true }),
        changed_at: DateTimeColumn({ label: 'Last change', readOnly: true }),
        assignment_key: StringColumn({ label: 'Assignment', maxLength: 300, unique: true, readOnly: true }),
    },
    index: [
        { name: 'assignment_key', element: 'assignment_key', unique: true },
        { name: 'record', element: 'record', unique: false },
    ],
})

List({
    table: 'x_litmo_litmos_int_training',
    view: default_view,
    columns: ['course', 'status', 'percentage', 'score', 'completed_at', 'assigned_at'],
})

/**
 * Shows the training on the Incident and Case forms (default view, and the workspace
 * views of x_litmo_litmos_int.training_list_views that have their own layout) without
 * the administrator editing a layout: the app's related list is added to the existing
 * layout (never removing or moving the customer's entries), or a layout is created
 * where the view has none. Fix scripts of an app run when it is installed or upgraded;
 * an administrator can run it again (System Definition > Fix Scripts).
 */
Record({
    $id: Now.ID['fix-training-related-lists'],
    table: 'sys_script_fix',
    data: {
        name: 'Litmos Training: show the training on incident and case forms',
        description:
            "Adds the Litmos Training related list to the Incident and Case forms' default view (and to the views named in x_litmo_litmos_int.training_list_views that have their own related-list layout). Keeps every entry the customer has; adds it once per layout: removed later, it stays removed.",
        before: false,
        script: `(function () {
    var summary = require(gs.getProperty('x_litmo_litmos_int.module_path') + '/src/server/related-lists.js').addTrainingRelatedLists();
    gs.info('Litmos Training: training related lists: ' + JSON.stringify(summary));
})();`,
    },
})

Property({
    $id: Now.ID['property-training-list-views'],
    name: 'x_litmo_litmos_int.training_list_views',
    type: 'string',
    value: 'sow',
    description:
        "Besides the default view, the form views (names, comma-separated) that get the Litmos Training related list when they have their own related-list layout, e.g. a workspace's view. Read by the fix script 'Litmos Training: show the training on incident and case forms'.",
    roles: { read: ['admin'], write: ['admin'] },
})

/**
 * The related list: Incident form > Configure > Related Lists > "Litmos Training >
 * Record" (the training rows reference their record). The same list is one click
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
    window.location.href = 'x_litmo_litmos_int_training_list.do?sysparm_query=' +
        encodeURIComponent('record=' + g_form.getUniqueValue());
}`,
})

/** The same link on the CSM Case form. */
UiAction({
    $id: Now.ID['action-open-training-case'],
    table: 'sn_customerservice_case',
    name: 'Litmos Training',
    actionName: 'x_litmo_litmos_int_open_training_case',
    hint: "Courses assigned from this case and the learner's progress",
    active: true,
    showUpdate: true,
    form: { showLink: true },
    roles: [litmosTrainingUser],
    order: 510,
    client: { isClient: true, isUi16Compatible: true, onClick: 'litmosOpenCaseTraining()' },
    script: `function litmosOpenCaseTraining() {
    window.location.href = 'x_litmo_litmos_int_training_list.do?sysparm_query=' +
        encodeURIComponent('record=' + g_form.getUniqueValue());
}`,
})

Acl({
    $id: Now.ID['acl-training-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_training',
    operation: 'read',
    roles: [litmosTrainingUser],
    description: 'Agents with the Litmos Training User role see the training assigned from incidents',
})

Acl({
    $id: Now.ID['acl-training-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_training',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system from Litmos Training; not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-training-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_training',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system from Litmos Training; not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-training-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_training',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system from Litmos Training; not edited in ServiceNow',
})
