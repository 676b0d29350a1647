// The local course table (x_litmo_litmos_int_course), kept in sync with the backend's
// catalog (GET /v1/servicenow/catalog: every course, active or not, 1,000 a page), and
// what each agent sees of it: only the courses their Litmos access level lets them
// assign (GET /v1/servicenow/courses/assignable, one call per agent, cached for
// minutes on their identity row). Listing, filtering, sorting and paging the table is
// the platform's own list over local rows: it asks the backend nothing.
import { gs, GlideDateTime, GlideRecord } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { AGENT_TABLE, CONFIG_TABLE, COURSE_TABLE, currentAgent, messageHtml } from './context.js'

export const CATALOG_PAGE = 1000
/** A catalog that changes while it is read (409 or a new generation) is read again, at most this often. */
export const MAX_RESTARTS = 3
/** The on-demand check of the catalog's generation runs at most this often. */
export const CHECK_MINUTES = 5
/** How long an agent's assignable courses are kept before the backend is asked again. */
export const ACCESS_MINUTES = 10
const FIELDS = /** @type {const} */ (['name', 'code', 'description'])

/** @param {string | null} glideValue "YYYY-MM-DD HH:MM:SS" (UTC) */
function millis(glideValue) {
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(String(glideValue || ''))
    return m ? new Date(`${m[1]}T${m[2]}Z`).getTime() : 0
}

/** @param {string | null} glideValue @param {number} minutes */
function fresh(glideValue, minutes) {
    const at = millis(glideValue)
    return at > 0 && new Date().getTime() - at < minutes * 60000
}

function activeConfiguration() {
    const gr = new GlideRecord(CONFIG_TABLE)
    gr.addQuery('active', true)
    gr.orderByDesc('sys_updated_on')
    gr.setLimit(1)
    gr.query()
    return gr.next() ? gr : null
}

/**
 * @param {any} config
 * @param {{ [field: string]: string }} values
 */
function saveConfiguration(config, values) {
    for (const field of Object.keys(values)) config.setValue(field, values[field])
    config.setWorkflow(false) // bookkeeping, not a new key: no activation
    config.update()
}

/**
 * Every page of the catalog, all of one generation.
 * @param {any} client
 * @returns {{ ok: true, generation: string, items: any[], requests: number } | { ok: false, message: string, requests: number }}
 */
export function readCatalog(client) {
    let requests = 0
    for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
        /** @type {any[]} */
        const items = []
        let generation = ''
        let cursor = ''
        let restart = false
        for (;;) {
            const answer = client.catalog(cursor, CATALOG_PAGE)
            requests++
            if (!answer.ok) {
                if (answer.status === 409) {
                    restart = true
                    break
                }
                return { ok: false, message: answer.message, requests }
            }
            const page = answer.data || {}
            if (generation && page.generation !== generation) {
                restart = true
                break
            }
            generation = String(page.generation || '')
            for (const course of page.items || []) items.push(course)
            cursor = page.next_cursor || ''
            if (!cursor) break
        }
        if (!restart) return { ok: true, generation, items, requests }
    }
    return { ok: false, message: gs.getMessage('The Litmos catalog kept changing while it was read; the next run tries again.'), requests }
}

/**
 * Writes the catalog into the course table: new courses inserted, changed ones updated,
 * courses no longer in the catalog marked removed (rows are kept: assignments and
 * work notes may name them). Unchanged rows are not written.
 * @param {any[]} items
 */
export function applyCatalog(items) {
    /** @type {Map<string, any>} */
    const byId = new Map()
    for (const course of items) byId.set(String(course.id), course)
    const summary = { inserted: 0, updated: 0, removed: 0, unchanged: 0, inactive: 0 }
    const gr = new GlideRecord(COURSE_TABLE)
    gr.setWorkflow(false) // the agent filter (a before-query rule) is not for the sync
    gr.query()
    while (gr.next()) {
        const id = gr.getValue('course_id') || ''
        const course = byId.get(id)
        if (!course) {
            if (gr.getValue('removed') !== 'true') {
                gr.setValue('removed', true)
                gr.setWorkflow(false)
                gr.update()
                summary.removed++
            }
            continue
        }
        byId.delete(id)
        if (!course.active) summary.inactive++
        if (sameCourse(gr, course)) {
            summary.unchanged++
            continue
        }
        writeCourse(gr, course)
        gr.setWorkflow(false)
        gr.update()
        summary.updated++
    }
    for (const course of byId.values()) {
        if (!course.active) summary.inactive++
        const row = new GlideRecord(COURSE_TABLE)
        row.initialize()
        row.setValue('course_id', String(course.id))
        writeCourse(row, course)
        row.setWorkflow(false)
        row.insert()
        summary.inserted++
    }
    return summary
}

/** @param {any} gr @param {any} course */
function sameCourse(gr, course) {
    if (gr.getValue('removed') === 'true') return false
    if ((gr.getValue('active') === 'true') !== !!course.active) return false
    return FIELDS.every((f) => (gr.getValue(f) || '') === String(course[f] || ''))
}

/** @param {any} gr @param {any} course */
function writeCourse(gr, course) {
    for (const f of FIELDS) gr.setValue(f, String(course[f] || ''))
    gr.setValue('active', !!course.active)
    gr.setValue('removed', false)
}

/**
 * The scheduled job (and the on-demand refresh): reads the whole catalog and writes it.
 * @param {any} [client] a LitmosTrainingClient
 * @returns {{ ok: boolean, requests: number, generation?: string, message?: string, inserted?: number, updated?: number, removed?: number, unchanged?: number, inactive?: number }}
 */
export function syncCatalog(client) {
    const config = activeConfiguration()
    const http = client || new LitmosTrainingClient()
    if (!config || !http.isConfigured()) return { ok: false, requests: 0, message: 'not configured' }
    const read = readCatalog(http)
    const now = new GlideDateTime().getValue()
    if (!read.ok) {
        gs.warn(`Litmos Training: the course catalog could not be read: ${read.message}`)
        saveConfiguration(config, { catalog_checked_at: now, catalog_error: read.message })
        return { ok: false, requests: read.requests, message: read.message }
    }
    const summary = applyCatalog(read.items)
    saveConfiguration(config, {
        catalog_generation: read.generation,
        catalog_synced_at: now,
        catalog_checked_at: now,
        catalog_total: String(read.items.length),
        catalog_error: '',
    })
    return { ok: true, requests: read.requests, generation: read.generation, ...summary }
}

/**
 * Before the course list opens: at most every CHECK_MINUTES, one `limit=1` call tells
 * whether the catalog's generation still is the one the table holds; only when it is
 * not is the whole catalog read again.
 * @param {any} [client]
 * @returns {{ checked: boolean, synced: boolean, ok: boolean, message?: string }}
 */
export function refreshCatalogIfStale(client) {
    const config = activeConfiguration()
    const http = client || new LitmosTrainingClient()
    if (!config || !http.isConfigured()) return { checked: false, synced: false, ok: false }
    if (fresh(config.getValue('catalog_checked_at'), CHECK_MINUTES)) return { checked: false, synced: false, ok: true }
    const held = config.getValue('catalog_generation') || ''
    const answer = http.catalog('', 1)
    if (!answer.ok) return { checked: true, synced: false, ok: false, message: answer.message }
    if (held && answer.data && answer.data.generation === held) {
        saveConfiguration(config, { catalog_checked_at: new GlideDateTime().getValue() })
        return { checked: true, synced: false, ok: true }
    }
    const result = syncCatalog(http)
    return { checked: true, synced: result.ok, ok: result.ok, message: result.message }
}

/**
 * What the acting agent may assign, from their identity row while it is fresh, else
 * from the backend (one call), then kept for ACCESS_MINUTES. Failures are not kept.
 * @param {any} [client]
 * @returns {{ ok: true, all: boolean, courseIds: string[], accessLevel: string, notice: string, cached: boolean } | { ok: false, message: string }}
 */
export function agentAccess(client) {
    const agent = currentAgent()
    const row = new GlideRecord(AGENT_TABLE)
    row.addQuery('user', gs.getUserID())
    row.setLimit(1)
    row.query()
    const known = row.next()
    // Kept only for the Litmos user it was asked for: an administrator may remap the agent.
    if (known && row.getValue('access_for') === agent && fresh(row.getValue('access_checked_at'), ACCESS_MINUTES)) {
        return {
            ok: true,
            all: row.getValue('access_all') === 'true',
            courseIds: String(row.getValue('access_course_ids') || '').split(',').filter(Boolean),
            accessLevel: row.getValue('access_level') || '',
            notice: row.getValue('access_notice') || '',
            cached: true,
        }
    }
    const http = client || new LitmosTrainingClient()
    const answer = http.assignableCourses(agent)
    if (!answer.ok) return { ok: false, message: answer.message }
    const data = answer.data || {}
    const courseIds = (data.course_ids || []).map(String)
    if (known) {
        row.setValue('access_for', agent)
        row.setValue('access_level', data.access_level || '')
        row.setValue('access_all', !!data.all)
        row.setValue('access_course_ids', courseIds.join(','))
        row.setValue('access_notice', data.notice || '')
        row.setValue('access_checked_at', new GlideDateTime().getValue())
        row.update()
    }
    return { ok: true, all: !!data.all, courseIds, accessLevel: data.access_level || '', notice: data.notice || '', cached: false }
}

/**
 * The encoded query that limits the course table to what an agent may assign.
 * @param {{ all: boolean, courseIds: string[] }} access
 */
export function accessQuery(access) {
    if (access.all) return 'active=true^removed=false'
    if (access.courseIds.length === 0) return 'sys_id=-1'
    return `active=true^removed=false^course_idIN${access.courseIds.join(',')}`
}

/**
 * Before-query business rule on the course table: the agent sees only the active
 * courses their Litmos access level lets them assign; a failure shows why and no rows.
 * @param {any} current
 */
export function onCourseQuery(current) {
    const access = agentAccess()
    if (!access.ok) {
        gs.addErrorMessage(messageHtml('Litmos Training could not list the courses: {0}', [access.message]))
        current.addEncodedQuery('sys_id=-1')
        return
    }
    if (!access.cached) {
        if (access.notice) gs.addInfoMessage(messageHtml('{0}', [access.notice]))
        if (!access.all && access.courseIds.length === 0) {
            gs.addInfoMessage(messageHtml('Your Litmos access level ({0}) lets you assign no courses.', [access.accessLevel || 'none']))
        }
    }
    current.addEncodedQuery(accessQuery(access))
}
