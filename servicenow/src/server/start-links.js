// "Start course" links for the caller: when the tenant has them on, each assignment of
// GET /v1/servicenow/incidents/{sys_id}/training carries a start_url (a token on the
// backend's host that opens the course with a fresh Litmos login). After an agent (or
// a flow) assigns courses, the app fires the event x_litmo_litmos_int.start_links for
// the record, with the caller's sys_user sys_id (parm1, the recipient) and the course
// ids (parm2); its notification ("Your support agent assigned you training", editable
// by the customer) builds one Start button per course from a fresh read of the training
// when it is sent (the mail script below). The links themselves are never put into an
// event, a log or a work note: the agent's work note says a link was sent.
import { gs } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { escapeHtml, messageText } from './context.js'

export const START_LINKS_EVENT = 'x_litmo_litmos_int.start_links'

/**
 * The record's assignments of the given courses that carry a start link.
 * @param {any} client a LitmosTrainingClient
 * @param {string} recordSysId
 * @param {string[]} courseIds
 * @returns {{ ok: true, items: { course_id: string, course_name: string, start_url: string }[] } | { ok: false, message: string }}
 */
export function startLinksFor(client, recordSysId, courseIds) {
    const answer = client.recordTraining(recordSysId)
    if (!answer.ok) return { ok: false, message: answer.message }
    const wanted = new Set(courseIds.map(String))
    const seen = new Set()
    const items = []
    for (const a of (answer.data && answer.data.assignments) || []) {
        const id = String(a.course_id)
        // https only (http only while the development property allows an http backend: a local stack).
        if (!wanted.has(id) || seen.has(id) || typeof a.start_url !== 'string' || LitmosTrainingClient.urlProblem(a.start_url)) continue
        seen.add(id)
        items.push({ course_id: id, course_name: String(a.course_name || id), start_url: a.start_url })
    }
    return { ok: true, items }
}

/**
 * After an assignment: when the training of the record has start links for the courses
 * just assigned, fire the event for the caller's e-mail and note it on the record.
 * @param {any} client a LitmosTrainingClient
 * @param {any} record the incident or case (as the acting user may write it)
 * @param {string} callerUserId the learner's sys_user sys_id (the e-mail's recipient)
 * @param {string} callerName for the work note
 * @param {string[]} assignedCourseIds
 * @returns {{ sent: boolean, message?: string, courses?: string[] }} message: for the agent
 */
export function sendStartLinks(client, record, callerUserId, callerName, assignedCourseIds) {
    if (!assignedCourseIds.length || !callerUserId) return { sent: false }
    const links = startLinksFor(client, record.getUniqueValue(), assignedCourseIds)
    if (!links.ok) {
        gs.warn(`Litmos Training: the start links of ${record.getValue('number')} could not be read: ${links.message}`)
        return { sent: false, message: messageText('The start links were not e-mailed: {0}', [links.message]) }
    }
    if (!links.items.length) return { sent: false }
    const names = links.items.map((i) => i.course_name)
    gs.eventQueue(START_LINKS_EVENT, record, callerUserId, links.items.map((i) => i.course_id).join(','))
    const note = messageText('Litmos Training: start links e-mailed to {0} for: {1}', [callerName, names.join(', ')])
    record.setValue('work_notes', note)
    record.update()
    return { sent: true, message: messageText('Start links e-mailed to {0} for: {1}', [callerName, names.join(', ')]), courses: names }
}

/**
 * The notification's mail script: one Start button per course of the event (parm2),
 * from a fresh read of the record's training (a link is made for each read, and only
 * the e-mail holds it). Course names are HTML-escaped.
 * @param {any} current the incident or case
 * @param {string} parm2 the course ids, comma-separated
 * @param {any} [client] a LitmosTrainingClient
 * @returns {string} HTML
 */
export function startButtonsHtml(current, parm2, client) {
    const ids = String(parm2 || '').split(',').filter(Boolean)
    const links = startLinksFor(client || new LitmosTrainingClient(), current.getUniqueValue(), ids)
    if (!links.ok || !links.items.length) {
        if (!links.ok) gs.warn(`Litmos Training: the start links of ${current.getValue('number')} could not be read for the e-mail: ${links.message}`)
        return `<p>${escapeHtml(gs.getMessage('Your courses are waiting for you in Litmos.'))}</p>`
    }
    const start = escapeHtml(gs.getMessage('Start'))
    return links.items
        .map(
            (i) =>
                `<p><strong>${escapeHtml(i.course_name)}</strong><br>` +
                `<a href="${escapeHtml(i.start_url)}" style="display:inline-block;padding:8px 16px;background:#0b5cab;color:#ffffff;text-decoration:none;border-radius:4px">${start}</a></p>`,
        )
        .join('\n')
}
