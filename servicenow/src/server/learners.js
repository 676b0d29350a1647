// "A Learner profile is created for the Caller": POST /v1/servicenow/learners.
import { GlideRecordSecure } from '@servicenow/glide'
import { isSysId, messageText } from './context.js'

/**
 * The Incident's Caller as the backend wants it, or null when there is none.
 * @param {any} incident a GlideRecord('incident')
 */
export function callerOf(incident) {
    const callerId = incident.getValue('caller_id')
    if (!isSysId(callerId)) return null
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
    if (!caller) return { ok: false, message: messageText('This incident has no Caller: set the Caller first, then assign courses.') }
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
