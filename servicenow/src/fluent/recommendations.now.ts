// "Recommended for <category>" in the course window: the backend's ranking of the
// tenant's courses per category (GET /v1/servicenow/recommendations), kept locally for
// minutes per category (x_litmo_litmos_int_recommendation), listed in the same window
// as the courses: the course list's banner "Recommended" opens it for the record's
// category, its banner "All courses" goes back, and "Assign Courses" works on its
// selected rows as on the course list.
import '@servicenow/sdk/global'
import {
    Acl,
    BooleanColumn,
    BusinessRule,
    DateTimeColumn,
    DecimalColumn,
    IntegerColumn,
    List,
    Record,
    ReferenceColumn,
    StringColumn,
    Table,
    UiAction,
    default_view,
} from '@servicenow/sdk/core'
import { litmosTrainingAdmin, litmosTrainingUser } from './app.now'
import { onRecommendationQuery } from '../server/recommendations.js'

export const x_litmo_litmos_int_recommendation = Table({
    name: 'x_litmo_litmos_int_recommendation',
    label: 'Litmos Recommended Course',
    display: 'course_name',
    accessibleFrom: 'package_private',
    allowWebServiceAccess: false,
    schema: {
        recommended_for: StringColumn({ label: 'Recommended for', maxLength: 80, readOnly: true }),
        category_key: StringColumn({ label: 'Category key', maxLength: 80, readOnly: true }),
        record_table: StringColumn({ label: 'Record table', maxLength: 80, readOnly: true }),
        rank: IntegerColumn({ label: 'Rank', readOnly: true }),
        course: ReferenceColumn({ label: 'Course', referenceTable: 'x_litmo_litmos_int_course', readOnly: true }),
        course_id: StringColumn({ label: 'Litmos course id', maxLength: 100, readOnly: true }),
        course_name: StringColumn({ label: 'Course name', maxLength: 255, readOnly: true }),
        available: BooleanColumn({ label: 'In the catalog', default: 'false', readOnly: true }),
        difference: DecimalColumn({ label: 'Fewer repeat incidents (difference)', readOnly: true }),
        interval_low: DecimalColumn({ label: '95% interval, low', readOnly: true }),
        interval_high: DecimalColumn({ label: '95% interval, high', readOnly: true }),
        completed: IntegerColumn({ label: 'Completed (sample)', readOnly: true }),
        not_completed: IntegerColumn({ label: 'Not completed (sample)', readOnly: true }),
        repeat_rate_completed: DecimalColumn({ label: 'Repeat rate, completed', readOnly: true }),
        repeat_rate_not_completed: DecimalColumn({ label: 'Repeat rate, not completed', readOnly: true }),
        fetched_at: DateTimeColumn({ label: 'Ranked at', readOnly: true }),
    },
    index: [{ name: 'category', element: 'category_key', unique: false }],
})

/**
 * Rankings of categories nobody opened for a week are removed (Table Cleaner): a
 * category's rows are read again after 15 minutes anyway, so old ones only take space.
 */
Record({
    $id: Now.ID['auto-flush-recommendations'],
    table: 'sys_auto_flush',
    data: {
        tablename: 'x_litmo_litmos_int_recommendation',
        matchfield: 'fetched_at',
        age: 604800, // 7 days, in seconds
        active: true,
    },
})

List({
    table: 'x_litmo_litmos_int_recommendation',
    view: default_view,
    columns: ['rank', 'course_name', 'recommended_for', 'difference', 'interval_low', 'interval_high', 'completed', 'not_completed'],
})

BusinessRule({
    $id: Now.ID['br-recommendation-query'],
    name: 'Litmos Training: recommended courses the agent may assign',
    description: 'Limits the Recommended list to the ranked courses the agent may assign in Litmos, as on the course list.',
    table: 'x_litmo_litmos_int_recommendation',
    when: 'before',
    action: ['query'],
    condition: 'gs.isInteractive()',
    order: 100,
    active: true,
    script: onRecommendationQuery,
})

/** On the course list in the window: the record's category's ranking, in the same window. */
UiAction({
    $id: Now.ID['action-open-recommended'],
    table: 'x_litmo_litmos_int_course',
    name: 'Recommended',
    actionName: 'x_litmo_litmos_int_open_recommended',
    hint: "The courses ranked by how much fewer repeat incidents go with completing them, for this record's category",
    active: true,
    list: { showBannerButton: true },
    roles: [litmosTrainingUser],
    order: 110,
    client: { isClient: true, isUi16Compatible: true, onClick: 'litmosOpenRecommendedCourses()' },
    messages: [
        'Litmos Training is not reachable, try again',
        'Open Assign Courses from an Incident or a Case to see the courses recommended for it.',
    ],
    script: Now.include('../ui/open-recommended-courses.client.js'),
})

UiAction({
    $id: Now.ID['action-open-all-courses'],
    table: 'x_litmo_litmos_int_recommendation',
    name: 'All courses',
    actionName: 'x_litmo_litmos_int_open_all_courses',
    hint: 'Every course you may assign',
    active: true,
    list: { showBannerButton: true },
    roles: [litmosTrainingUser],
    order: 110,
    client: { isClient: true, isUi16Compatible: true, onClick: 'litmosOpenAllCourses()' },
    script: Now.include('../ui/open-all-courses.client.js'),
})

/** "Assign Courses" on the Recommended list's selected rows, as on the course list. */
UiAction({
    $id: Now.ID['action-assign-recommended'],
    table: 'x_litmo_litmos_int_recommendation',
    name: 'Assign Courses',
    actionName: 'x_litmo_litmos_int_assign_recommended',
    hint: "Assign the selected courses to the record's caller",
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
    $id: Now.ID['acl-recommendation-read'],
    type: 'record',
    table: 'x_litmo_litmos_int_recommendation',
    operation: 'read',
    roles: [litmosTrainingUser],
    description: 'Agents with the Litmos Training User role see the courses recommended for a category',
})

Acl({
    $id: Now.ID['acl-recommendation-write'],
    type: 'record',
    table: 'x_litmo_litmos_int_recommendation',
    operation: 'write',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system from Litmos Training; not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-recommendation-create'],
    type: 'record',
    table: 'x_litmo_litmos_int_recommendation',
    operation: 'create',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system from Litmos Training; not edited in ServiceNow',
})

Acl({
    $id: Now.ID['acl-recommendation-delete'],
    type: 'record',
    table: 'x_litmo_litmos_int_recommendation',
    operation: 'delete',
    roles: [litmosTrainingAdmin],
    description: 'Written by the app as the system from Litmos Training; not edited in ServiceNow',
})
