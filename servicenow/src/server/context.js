// Names and small helpers every server module shares.
import { gs, GlideDateTime } from '@servicenow/glide'

export const SCOPE = 'x_litmo_litmos_int'
export const ROLE = 'x_litmo_litmos_int.litmos_training_user'
export const CONFIG_TABLE = 'x_litmo_litmos_int_configuration'
export const COURSE_TABLE = 'x_litmo_litmos_int_st_course'
export const TRAINING_TABLE = 'x_litmo_litmos_int_st_training'
export const NOTED_TABLE = 'x_litmo_litmos_int_noted_update'

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
 * The acting agent as the backend knows them: the user's e-mail, else the user name
 * (the backend matches either against Litmos' UserName or Email).
 */
export function currentAgent() {
    const user = gs.getUser()
    return user.getEmail() || user.getName()
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
