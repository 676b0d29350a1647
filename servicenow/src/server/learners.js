// "A Learner profile is created for the Caller": POST /v1/servicenow/learners. The
// Caller of an incident; of a CSM case, its contact, else its consumer's user.
import { GlideRecordSecure } from '@servicenow/glide'
import { isSysId, messageText } from './context.js'

/**
 * The user who learns from a record: an incident's Caller; a case's contact
 * (customer_contact, a sys_user), else its consumer's user (csm_consumer.user).
 * @param {any} record
 * @returns {string} a sys_user sys_id, or ''
 */
export function learnerUserId(record) {
    if (record.getTableName() !== 'sn_customerservice_case') {
        const caller = record.getValue('caller_id')
        return isSysId(caller) ? caller : ''
    }
    const contact = record.getValue('contact')
    if (isSysId(contact)) return contact
    const consumerId = record.getValue('consumer')
    if (!isSysId(consumerId)) return ''
    // The agent's own view of the consumer (the id is read from the case).
    const consumer = new GlideRecordSecure('csm_consumer')
    if (!consumer.get(consumerId)) return ''
    const user = consumer.getValue('user')
    return isSysId(user) ? user : ''
}

/**
 * The record's learner (see learnerUserId) as the backend wants a caller, or null.
 * @param {any} record an incident or a case
 */
export function callerOf(record) {
    const callerId = learnerUserId(record)
    if (!callerId) return null
    // The agent's own view of the Caller (the id is read from the incident).
    const user = new GlideRecordSecure('sys_user')
    if (!user.get(callerId)) return null
    /** @type {{ sys_id: string, user_name?: string, email?: string, first_name?: string, last_name?: string }} */
    const caller = { sys_id: callerId }
    for (const field of /** @type {const} */ (['user_name', 'email', 'first_name', 'last_name'])) {
        const value = user.getValue(field)
        if (value) caller[field] = value
    }
    return caller
}

/**
 * Creates or reuses the Caller's Litmos learner.
 * @param {any} client a LitmosTrainingClient
 * @param {any} incident a GlideRecord('incident')
 * @returns {{ ok: true, learner: any, created: boolean } | { ok: false, message: string, status?: number }}
 */
export function ensureLearner(client, incident) {
    const caller = callerOf(incident)
    if (!caller) {
        if (incident.getTableName() === 'sn_customerservice_case') {
            return { ok: false, message: messageText('This case has no contact or consumer to assign training to') }
        }
        return { ok: false, message: messageText('This incident has no Caller: set the Caller first, then assign courses.') }
    }
    if (!caller.email && !caller.user_name) {
        return {
            ok: false,
            message: messageText('The Caller has neither an e-mail address nor a user name, so Litmos cannot create a learner for them.'),
        }
    }
    const answer = client.upsertLearner(caller)
    if (!answer.ok) return { ok: false, message: answer.message, status: answer.status }
    return { ok: true, learner: answer.data.learner, created: !!answer.data.created }
}
