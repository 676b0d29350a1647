// "Assign Courses" on the Incident form, and the course list behind it: the local
// course table (src/server/catalog.js keeps it and filters it per agent).
import { GlideRecord, GlideRecordSecure } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { agentAccess, refreshCatalogIfStale } from './catalog.js'
import { COURSE_TABLE, isSysId, messageText } from './context.js'
import { ensureLearner } from './learners.js'
import { RECORD_TABLES } from './training.js'

/**
 * The course list for one record: the record travels as URL parameters (not as a list
 * condition: the rows are courses), which the list's "Assign Courses" reads.
 * @param {string} recordSysId
 * @param {string} [table]
 */
export function courseListUrl(recordSysId, table) {
    return `${COURSE_TABLE}_list.do?sysparm_x_litmo_record=${encodeURIComponent(recordSysId)}&sysparm_x_litmo_table=${encodeURIComponent(table || 'incident')}&sysparm_stack=no`
}

/**
 * Form button: create or reuse the Caller's learner, bring the local catalog up to
 * date when the backend's generation changed (one cheap call at most every few
 * minutes), learn what the agent may assign (cached), then open the course list.
 * @param {any} current the incident
 * @returns {{ url: string } | { error: string }}
 */
export function prepareCourseList(current) {
    const client = new LitmosTrainingClient()
    const learner = ensureLearner(client, current)
    if (!learner.ok) return { error: learner.message }
    const catalog = refreshCatalogIfStale(client)
    if (!catalog.ok && catalog.message && !hasCourses()) return { error: catalog.message }
    const access = agentAccess(client)
    if (!access.ok) return { error: access.message }
    return { url: courseListUrl(current.getUniqueValue(), current.getTableName()) }
}

/** Whether the local catalog holds any course at all (a first sync may have failed). */
function hasCourses() {
    const gr = new GlideRecord(COURSE_TABLE)
    gr.setWorkflow(false)
    gr.setLimit(1)
    gr.query()
    return gr.hasNext()
}

/**
 * "Assign Courses" on a form (GlideAjax, from the classic form and the workspaces):
 * the record as the agent may see it, then prepareCourseList.
 * @param {string} table
 * @param {string} sysId
 * @returns {{ ok: true, url: string } | { ok: false, error: string }}
 */
export function openCourseWindow(table, sysId) {
    const record = openRecord(table, sysId)
    if (!record) return { ok: false, error: messageText('Open Assign Courses from an Incident or a Case you can see.') }
    const next = prepareCourseList(record)
    return 'error' in next ? { ok: false, error: next.error } : { ok: true, url: next.url }
}

/**
 * The Litmos course ids of the course rows an agent selected. Not filtered by what the
 * agent may assign: the backend decides that (SPEC 3.3: the permission text, or 422
 * naming the courses), so the agent reads its words rather than a local guess.
 * @param {string[]} rowSysIds
 * @returns {{ ok: true, courseIds: string[] } | { ok: false }}
 */
export function selectedCourseIds(rowSysIds) {
    const gr = new GlideRecord(COURSE_TABLE)
    gr.setWorkflow(false)
    gr.addQuery('sys_id', 'IN', rowSysIds.join(','))
    gr.query()
    /** @type {Record<string, string>} */
    const byRow = {}
    while (gr.next()) byRow[gr.getUniqueValue()] = gr.getValue('course_id') || ''
    const courseIds = []
    for (const id of rowSysIds) {
        if (!byRow[id]) return { ok: false }
        courseIds.push(byRow[id])
    }
    return { ok: true, courseIds }
}

/**
 * The record (an incident, or a CSM case) a request names, as the acting agent may see
 * it: GlideRecordSecure, so an agent who cannot read a record cannot act on it (the id
 * comes from the browser).
 * @param {string} table
 * @param {string} sysId
 */
export function openRecord(table, sysId) {
    if (RECORD_TABLES.indexOf(table) < 0 || !isSysId(sysId)) return null
    const record = new GlideRecordSecure(table)
    return record.get(sysId) && record.canRead() ? record : null
}
