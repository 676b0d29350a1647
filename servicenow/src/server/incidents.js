// The incident side: each new incident (and each change of its category) is sent to
// the backend (POST /v1/servicenow/incidents), and the Litmos Training list on an
// incident shows GET /v1/servicenow/incidents/{sys_id}/training.
import { gs, GlideDigest, GlideRecordSecure } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { escapeHtml, isSysId, messageHtml, messageText, toGlideDateTime, toRfc3339 } from './context.js'

const CATEGORY_MAX = 80

/**
 * What the backend records about an incident, or null when it has no Caller yet.
 * @param {any} incident
 */
export function incidentPayload(incident) {
    const caller = incident.getValue('caller_id')
    if (!isSysId(caller)) return null
    /** @type {{ sys_id: string, number: string, caller_sys_id: string, opened_at: string, category?: string }} */
    const payload = {
        sys_id: incident.getUniqueValue(),
        number: incident.getValue('number'),
        caller_sys_id: caller,
        opened_at: toRfc3339(incident.getValue('opened_at')),
    }
    const category = String(incident.getValue('category') || '').slice(0, CATEGORY_MAX)
    if (category) payload.category = category
    return payload
}

/**
 * Async business rule on incident insert and on a change of category.
 * @param {any} current
 * @returns {{ sent: boolean, status?: number, message?: string }}
 */
export function onIncidentSaved(current) {
    const payload = incidentPayload(current)
    if (!payload) return { sent: false, message: 'no caller' }
    const client = new LitmosTrainingClient()
    if (!client.isConfigured()) return { sent: false, message: 'not configured' }
    const answer = client.recordIncident(payload)
    if (!answer.ok) {
        gs.warn(`Litmos Training: incident ${payload.number} was not recorded: ${answer.message}`)
        return { sent: false, status: answer.status, message: answer.message }
    }
    return { sent: true, status: answer.status }
}

/**
 * One assignment as a row of the incident's Litmos Training list.
 * @param {any} a an entry of `assignments`
 * @param {string} incident
 */
export function trainingRow(a, incident) {
    return {
        // A row's sys_id must look like one (32 hex): the assignment's identity, hashed.
        sys_id: new GlideDigest().getMD5Hex(`${a.learner_id}:${a.course_id}:${a.assigned_at}`).toLowerCase(),
        incident,
        course: a.course_name || a.course_id,
        course_id: a.course_id,
        status: a.status || 'not_started',
        percentage: a.percentage_complete == null ? '' : String(a.percentage_complete),
        score: a.score == null ? '' : String(a.score),
        assigned_at: toGlideDateTime(a.assigned_at),
        assigned_by: a.assigned_by || '',
        completed_at: toGlideDateTime(a.completed_at),
        link: a.course_url || '',
    }
}

/**
 * The remote table's query script for an incident's Litmos Training list.
 * @param {any} v_table
 * @param {any} v_query
 */
export function queryIncidentTraining(v_table, v_query) {
    const incident = v_query.getParameter('incident')
    const record = new GlideRecordSecure('incident')
    if (!isSysId(incident) || !record.get(incident) || !record.canRead()) {
        // Only incidents the agent may read: the id comes from the list's URL.
        const text = messageText('Open Litmos Training from an Incident you can see to show the training assigned from it.')
        v_query.setLastErrorMessage(text)
        gs.addErrorMessage(escapeHtml(text))
        return
    }
    const answer = new LitmosTrainingClient().incidentTraining(incident)
    if (!answer.ok) {
        // setLastErrorMessage alone shows nothing to the agent: the list would just be empty.
        v_query.setLastErrorMessage(answer.message)
        gs.addErrorMessage(messageHtml('Litmos Training could not show the training of this incident: {0}', [answer.message]))
        return
    }
    for (const a of answer.data.assignments || []) v_table.addRow(trainingRow(a, incident))
}
