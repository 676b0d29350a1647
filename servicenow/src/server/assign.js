// "Assign Courses" among the actions on selected rows of the course list:
// POST /v1/servicenow/assignments, with an Idempotency-Key so that a double click or a
// retry after a timeout assigns once, and the backend's messages word for word.
import { GlideDigest } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { currentAgent, messageText } from './context.js'
import { openRecord, selectedCourseIds } from './course-list.js'
import { upsertTraining } from './training.js'
import { callerOf, ensureLearner } from './learners.js'
import { sendStartLinks } from './start-links.js'
import { RECOMMENDATION_TABLE, courseRowsOf } from './recommendations.js'

export const MAX_COURSES = 50

/**
 * The checked rows' sys_ids (rows of the course table), in the order they were checked,
 * without duplicates or blanks.
 * @param {string} checked comma-separated, as g_list.getChecked() gives them
 */
export function courseIdsFrom(checked) {
    /** @type {string[]} */
    const ids = []
    for (const raw of String(checked || '').split(',')) {
        const id = raw.trim()
        if (id && ids.indexOf(id) < 0) ids.push(id)
    }
    return ids
}

/**
 * Same page view + same incident + same selection = same key: a double click replays
 * the first answer instead of assigning twice; a new selection is a new request.
 * @param {string} requestKey a random token the list page made when it loaded
 * @param {string} incidentSysId
 * @param {string[]} courseIds
 */
export function idempotencyKey(requestKey, incidentSysId, courseIds) {
    const fingerprint = [incidentSysId].concat(courseIds.slice().sort()).join(',')
    const token = String(requestKey || '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64)
    return `sn-${token}-${new GlideDigest().getSHA256Hex(fingerprint)}`
}

/**
 * The agent is always the user who clicked, as the app's administrator mapped them
 * (currentAgent): nothing a request carries can name another Litmos user.
 * @param {{ recordSysId: string, table?: string, checked: string, requestKey: string, listTable?: string }} input
 *   listTable: the list the rows were checked on (the Recommended list's rows name their course)
 * @returns {{ ok: true, messages: string[], assigned: any[], alreadyAssigned: any[], startLinks: boolean } | { ok: false, error: string, status?: number }}
 *   messages and error are plain text: whoever shows them escapes them
 */
export function assignSelected(input) {
    const incident = openRecord(input.table || 'incident', input.recordSysId)
    if (!incident) {
        return {
            ok: false,
            error: messageText('Open the course list from an Incident you can see, with its Assign Courses button, then select the courses.'),
        }
    }
    const rowIds = courseIdsFrom(input.checked)
    if (rowIds.length === 0) return { ok: false, error: messageText('Select one or more courses first.') }
    if (rowIds.length > MAX_COURSES) return { ok: false, error: messageText('Select at most {0} courses at a time.', [MAX_COURSES]) }
    let courseRows = rowIds
    if (input.listTable === RECOMMENDATION_TABLE) {
        const mapped = courseRowsOf(rowIds)
        if (!mapped.ok) {
            return { ok: false, error: messageText('Some of the selected courses are no longer available to you: refresh the list and select again.') }
        }
        courseRows = mapped.courseRows
    }
    const selected = selectedCourseIds(courseRows)
    if (!selected.ok) {
        return { ok: false, error: messageText('Some of the selected courses are no longer available to you: refresh the list and select again.') }
    }
    const key = idempotencyKey(input.requestKey || incident.getUniqueValue(), incident.getUniqueValue(), selected.courseIds)
    return assignToRecord({ record: incident, courseIds: selected.courseIds, agent: currentAgent(), sendMessage: false, idempotencyKey: key })
}

/**
 * The one assignment path, for the course window and the Flow Designer action: the
 * record's learner created or reused (POST /v1/servicenow/learners), the courses
 * assigned (POST /v1/servicenow/assignments, as `agent`), the record's training rows
 * written, and, when the tenant has start links on, the caller's e-mail event fired
 * (not for a replayed answer: that e-mail went the first time).
 * @param {{ record: any, courseIds: string[], agent: string, sendMessage: boolean, idempotencyKey: string }} input
 *   record: the incident or case, as the acting user may write it
 * @returns {{ ok: true, messages: string[], assigned: any[], alreadyAssigned: any[], startLinks: boolean } | { ok: false, error: string, status?: number }}
 */
export function assignToRecord(input) {
    const record = input.record
    const client = new LitmosTrainingClient()
    const learner = ensureLearner(client, record)
    if (!learner.ok) return { ok: false, error: learner.message, status: learner.status }
    const body = {
        learner_id: learner.learner.id,
        course_ids: input.courseIds,
        incident: { sys_id: record.getUniqueValue(), number: record.getValue('number'), table: record.getTableName() },
        send_message: !!input.sendMessage,
    }
    const agent = input.agent
    const answer = client.assignCourses(agent, body, input.idempotencyKey)
    if (!answer.ok) return { ok: false, error: answer.message, status: answer.status }
    const assigned = answer.data.assigned || []
    // The record's training list shows the new courses now, not after the next feed read.
    for (const course of assigned) {
        upsertTraining({
            record: body.incident.sys_id,
            table: record.getTableName(),
            learnerId: String(body.learner_id),
            courseId: String(course.id),
            course: course.name || '',
            assignedAt: new Date().toISOString(),
            assignedBy: agent,
        })
    }
    const messages = (answer.data.messages || []).slice()
    let startLinks = false
    if (assigned.length && !answer.replayed) {
        const caller = callerOf(record)
        const name = caller ? [caller.first_name, caller.last_name].filter(Boolean).join(' ') || caller.user_name || caller.email || '' : ''
        const links = sendStartLinks(client, record, caller ? caller.sys_id : '', name, assigned.map((c) => String(c.id)))
        if (links.message) messages.push(links.message)
        startLinks = links.sent
    }
    return {
        ok: true,
        messages,
        assigned,
        alreadyAssigned: answer.data.already_assigned || [],
        startLinks,
    }
}
