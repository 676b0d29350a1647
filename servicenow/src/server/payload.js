// What the backend records about a record (POST /v1/servicenow/incidents): an incident
// or a CSM case, with its table, so the report counts a customer's repeat cases.
import { GlideRecord } from '@servicenow/glide'
import { isSysId, toRfc3339 } from './context.js'
import { learnerUserId } from './learners.js'

const CATEGORY_MAX = 80
/** The backend's limits on a caller's fields (CallerInput). */
const CALLER_MAX = /** @type {const} */ ({ user_name: 128, email: 254, first_name: 100, last_name: 100 })

/**
 * What the backend records about an incident or a case, or null without a learner.
 * @param {any} record
 */
export function recordPayload(record) {
    if (record.getTableName() !== 'sn_customerservice_case') return incidentPayload(record)
    const learner = learnerUserId(record)
    return learner ? payloadOf(record, learner, 'sn_customerservice_case') : null
}

/**
 * What the backend records about an incident, or null when it has no Caller yet.
 * @param {any} incident
 */
export function incidentPayload(incident) {
    const caller = incident.getValue('caller_id')
    return isSysId(caller) ? payloadOf(incident, caller, 'incident') : null
}

/**
 * The body for a record of `table` whose learner is the user `caller`.
 * @param {any} record
 * @param {string} caller
 * @param {string} table
 */
function payloadOf(record, caller, table) {
    /** @type {{ sys_id: string, number: string, caller_sys_id: string, opened_at: string, category?: string, table: string, caller?: any }} */
    const payload = {
        sys_id: record.getUniqueValue(),
        number: record.getValue('number'),
        caller_sys_id: caller,
        opened_at: toRfc3339(record.getValue('opened_at')),
        table,
    }
    const category = String(record.getValue('category') || '').slice(0, CATEGORY_MAX)
    if (category) payload.category = category
    const details = callerDetails(caller)
    if (details) payload.caller = details
    return payload
}

/**
 * The learner's details as POST /v1/servicenow/learners takes them, so that a rule the
 * backend fires for this record can find or create the caller's Litmos learner; null
 * when the user has neither an e-mail nor a user name (the backend would refuse the
 * record for it: it is then sent without, and a rule fires only for a caller already
 * linked). Read as the system: this runs in the async business rule and the outbox job.
 * @param {string} userId a sys_user sys_id
 * @returns {{ sys_id: string, user_name?: string, email?: string, first_name?: string, last_name?: string } | null}
 */
export function callerDetails(userId) {
    const user = new GlideRecord('sys_user')
    if (!user.get(userId)) return null
    /** @type {{ sys_id: string, user_name?: string, email?: string, first_name?: string, last_name?: string }} */
    const caller = { sys_id: userId }
    for (const field of /** @type {const} */ (['user_name', 'email', 'first_name', 'last_name'])) {
        const value = String(user.getValue(field) || '').trim()
        if (value) caller[field] = value.slice(0, CALLER_MAX[field])
    }
    return caller.email || caller.user_name ? caller : null
}
