// The course list: a remote table filled from GET /v1/servicenow/courses for the acting
// agent, so it is a normal ServiceNow list (search, per-column filters, sort, paging,
// personalised columns) with "Assign Courses" among the actions on selected rows.
import '@servicenow/sdk/global'
import {
    Acl,
    BooleanColumn,
    List,
    Record,
    ReferenceColumn,
    StringColumn,
    Table,
    UiAction,
    default_view,
} from '@servicenow/sdk/core'
import { litmosTrainingAdmin, litmosTrainingUser } from './app.now'

export const x_litmo_litmos_int_st_course = Table({
    name: 'x_litmo_litmos_int_st_course',
    label: 'Litmos Course',
    display: 'name',
    scriptableTable: true,
    accessibleFrom: 'package_private',
    schema: {
        name: StringColumn({ label: 'Course', maxLength: 255 }),
        code: StringColumn({ label: 'Code', maxLength: 100 }),
        description: StringColumn({ label: 'Description', maxLength: 1000 }),
        active: BooleanColumn({ label: 'Active' }),
        course_id: StringColumn({ label: 'Litmos course id', maxLength: 100 }),
        incident: ReferenceColumn({ label: 'Incident', referenceTable: 'incident' }),
    },
})

/** The query script: all logic is in src/server/course-list.js. */
Record({
    $id: Now.ID['vtable-courses'],
    table: 'sys_script_vtable',
    data: {
        name: 'Litmos courses the agent may assign',
        table: 'x_litmo_litmos_int_st_course',
        active: true,
        advanced: false,
        script: `(function executeQuery(v_table, v_query) {
    require('x_litmo_litmos_int/litmos-training-servicenow/1.0.0/src/server/course-list.js').queryCourses(v_table, v_query);
})(v_table, v_query);`,
    },
})

List({
    table: 'x_litmo_litmos_int_st_course',
    view: default_view,
    columns: ['name', 'code', 'description', 'active'],
})

UiAction({
    $id: Now.ID['action-assign-selected'],
    table: 'x_litmo_litmos_int_st_course',
    name: 'Assign Courses',
    actionName: 'x_litmo_litmos_int_assign_courses',
    hint: "Assign the selected courses to the incident's Caller",
    active: true,
    showUpdate: true,
    showMultipleUpdate: true,
    list: { showListChoice: true },
    roles: [litmosTrainingUser],
    order: 100,
    client: { isClient: true, isUi16Compatible: true, onClick: 'litmosAssignSelectedCourses()' },
    messages: ['Select one or more courses first.', 'Litmos Training is not reachable, try again', 'Assign Courses'],
    script: Now.include('../ui/assign-selected-courses.client.js'),
})

Acl({
    $id: Now.ID['acl-course-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_course',
    operation: 'read',
    roles: [litmosTrainingUser],
    description: 'Agents with the Litmos Training User role see the courses they may assign',
})

Acl({
    $id: Now.ID['acl-course-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_course',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: 'A remote table: its rows come from Litmos Training and are not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-course-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_course',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: 'A remote table: its rows come from Litmos Training and are not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-course-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_st_course',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: 'A remote table: its rows come from Litmos Training and are not edited in ServiceNow',
})
