// What the backend records about a record (POST /v1/servicenow/incidents): an incident
// or a CSM case, with its table, so the report counts a customer's repeat cases.
import { isSysId, toRfc3339 } from './context.js'
import { learnerUserId } from './learners.js'

const CATEGORY_MAX = 80

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
    /** @type {{ sys_id: string, number: string, caller_sys_id: string, opened_at: string, category?: string, table: string }} */
    const payload = {
        sys_id: record.getUniqueValue(),
        number: record.getValue('number'),
        caller_sys_id: caller,
        opened_at: toRfc3339(record.getValue('opened_at')),
        table,
    }
    const category = String(record.getValue('category') || '').slice(0, CATEGORY_MAX)
    if (category) payload.category = category
    return payload
}
