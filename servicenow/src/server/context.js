// Names and small helpers every server module shares.
import { gs, GlideDateTime, GlideRecord } from '@servicenow/glide'

export const SCOPE = 'x_litmo_litmos_int'
export const ROLE = 'x_litmo_litmos_int.litmos_training_user'
export const CONFIG_TABLE = 'x_litmo_litmos_int_configuration'
export const COURSE_TABLE = 'x_litmo_litmos_int_course'
export const TRAINING_TABLE = 'x_litmo_litmos_int_training'
export const NOTED_TABLE = 'x_litmo_litmos_int_noted_update'
export const AGENT_TABLE = 'x_litmo_litmos_int_agent'
export const OUTBOX_TABLE = 'x_litmo_litmos_int_outbox'

const SYS_ID = /^[0-9a-f]{32}$/

/** @param {unknown} value */
export function isSysId(value) {
    return typeof value === 'string' && SYS_ID.test(value)
}

/** This instance's URL as the backend expects it: https://<name>.service-now.com */
export function instanceUrl() {
    return String(gs.getProperty('glide.servlet.uri', '') || '').replace(/\/+$/, '')
}

/**
 * The acting agent as the backend knows them (X-Agent): the Litmos user the app's
 * administrator has locked for this ServiceNow user (x_litmo_litmos_int_agent). On the
 * agent's first use it is taken once from their e-mail, else their user name, and then
 * kept: sys_user.email is editable on the user's own profile, so a later change of it
 * must not change whom Litmos sees (and so the agent's Litmos access level). Runs as
 * the system: the table's ACLs let only x_litmo_litmos_int.admin change a mapping.
 * @returns {string} '' when the user has neither an e-mail nor a user name
 */
export function currentAgent() {
    const userId = gs.getUserID()
    const mapped = agentIdentity(userId)
    if (mapped !== null) return mapped
    const user = gs.getUser()
    const name = String(user.getEmail() || user.getName() || '').trim()
    if (!name) return ''
    const gr = new GlideRecord(AGENT_TABLE)
    gr.initialize()
    gr.setValue('user', userId)
    gr.setValue('litmos_user', name)
    gr.setValue('source', 'first_use')
    if (!gr.insert()) {
        // Another request of the same agent recorded it first (unique user): use theirs.
        const other = agentIdentity(userId)
        if (other !== null) return other
    }
    return name
}

/**
 * @param {string} userId
 * @returns {string | null} the mapped Litmos user, or null when the user has none yet
 */
function agentIdentity(userId) {
    const gr = new GlideRecord(AGENT_TABLE)
    gr.addQuery('user', userId)
    gr.setLimit(1)
    gr.query()
    if (!gr.next()) return null
    return String(gr.getValue('litmos_user') || '').trim()
}

/**
 * Text from outside the app (the backend's problem details, Litmos course names) as
 * HTML text: gs.addInfoMessage/addErrorMessage and GlideUI output messages render HTML.
 * @param {unknown} text
 */
export function escapeHtml(text) {
    return String(text == null ? '' : text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
}

/**
 * A message for the agent, through the platform's translations; `args` (text from
 * outside the app) are HTML-escaped into {0}, {1}, ...
 * @param {string} key the English text, with {0}, {1}, ... placeholders
 * @param {unknown[]} [args]
 */
export function messageHtml(key, args) {
    return gs.getMessage(key, (args || []).map(escapeHtml))
}

/**
 * A message as plain text (for JSON to the browser, which escapes it when it shows it).
 * @param {string} key
 * @param {unknown[]} [args]
 */
export function messageText(key, args) {
    return gs.getMessage(key, (args || []).map((a) => String(a == null ? '' : a)))
}

/**
 * A Glide date-time value (UTC, "YYYY-MM-DD HH:MM:SS") as RFC 3339 UTC.
 * @param {string} glideValue
 */
export function toRfc3339(glideValue) {
    const v = String(glideValue || '').trim()
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(v)
    if (m) return `${m[1]}T${m[2]}Z`
    return toRfc3339(new GlideDateTime().getValue())
}

/**
 * An RFC 3339 timestamp from the backend as a Glide date-time value (UTC), or '' .
 * @param {unknown} rfc3339
 */
export function toGlideDateTime(rfc3339) {
    if (typeof rfc3339 !== 'string' || !rfc3339) return ''
    const d = new Date(rfc3339)
    if (isNaN(d.getTime())) return ''
    return d.toISOString().slice(0, 19).replace('T', ' ')
}
