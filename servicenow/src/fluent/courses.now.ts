// The course list: a local table of the Litmos catalog (x_litmo_litmos_int_course),
// kept in sync by a scheduled job (and on demand, when the backend's catalog
// generation differs from the one the table holds), so it is a normal ServiceNow list
// (search, per-column filters, sort, paging, personalised columns) with "Assign
// Courses" among the actions on selected rows, and no backend call per list refresh.
// A before-query business rule shows each agent only the courses their Litmos access
// level lets them assign.
import '@servicenow/sdk/global'
import {
    Acl,
    BooleanColumn,
    BusinessRule,
    List,
    ScheduledScript,
    StringColumn,
    Table,
    UiAction,
    default_view,
} from '@servicenow/sdk/core'
import { litmosTrainingAdmin, litmosTrainingUser } from './app.now'
import { onCourseQuery, syncCatalog } from '../server/catalog.js'

export const x_litmo_litmos_int_course = Table({
    name: 'x_litmo_litmos_int_course',
    label: 'Litmos Course',
    display: 'name',
    accessibleFrom: 'package_private',
    allowWebServiceAccess: false,
    schema: {
        name: StringColumn({ label: 'Course', maxLength: 255, readOnly: true }),
        code: StringColumn({ label: 'Code', maxLength: 100, readOnly: true }),
        description: StringColumn({ label: 'Description', maxLength: 1000, readOnly: true }),
        active: BooleanColumn({ label: 'Active', readOnly: true }),
        removed: BooleanColumn({ label: 'Removed from Litmos', default: 'false', readOnly: true }),
        course_id: StringColumn({ label: 'Litmos course id', maxLength: 100, unique: true, readOnly: true }),
    },
    index: [{ name: 'course_id', element: 'course_id', unique: true }],
})

/** Each agent sees only what they may assign (GET /v1/servicenow/courses/assignable, cached per agent). */
BusinessRule({
    $id: Now.ID['br-course-query'],
    name: 'Litmos Training: courses the agent may assign',
    description:
        'Limits the course list to the active courses the agent may assign in Litmos (Team Leaders: their teams\' courses), from a per-agent answer cached for minutes.',
    table: 'x_litmo_litmos_int_course',
    when: 'before',
    action: ['query'],
    condition: 'gs.isInteractive()',
    order: 100,
    active: true,
    script: onCourseQuery,
})

/** The catalog, every hour (and on demand when the agent opens the list and it changed). */
ScheduledScript({
    $id: Now.ID['job-catalog-sync'],
    name: 'Litmos Training: course catalog sync',
    active: true,
    frequency: 'periodically',
    executionInterval: { hours: 1 },
    timeZone: 'UTC',
    script: syncCatalog,
})

List({
    table: 'x_litmo_litmos_int_course',
    view: default_view,
    columns: ['name', 'code', 'description', 'active'],
})

UiAction({
    $id: Now.ID['action-assign-selected'],
    table: 'x_litmo_litmos_int_course',
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
    table: 'x_litmo_litmos_int_course',
    operation: 'read',
    roles: [litmosTrainingUser],
    description: 'Agents with the Litmos Training User role see the courses they may assign',
})

Acl({
    $id: Now.ID['acl-course-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_course',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: 'The catalog comes from Litmos Training (the sync job writes it as the system); it is not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-course-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_course',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: 'The catalog comes from Litmos Training (the sync job writes it as the system); it is not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-course-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_course',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: 'The catalog comes from Litmos Training (the sync job writes it as the system); it is not edited in ServiceNow',
})
