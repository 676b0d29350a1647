// "Assign Courses" on the Incident form, and the course list behind it: a remote
// table whose rows come from GET /v1/servicenow/courses for the acting agent.
import { gs, GlideRecordSecure } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { COURSE_TABLE, currentAgent, escapeHtml, isSysId, messageHtml } from './context.js'
import { ensureLearner } from './learners.js'

/** The most rows a remote table holds without "Enhanced Capacity". */
export const MAX_ROWS = 1000
const PAGE = 100

/**
 * The course list URL for one incident: the incident is a condition of the list, so
 * every row (and the "Assign Courses" action) knows which incident it is for.
 * @param {string} incidentSysId
 */
export function courseListUrl(incidentSysId) {
    return `${COURSE_TABLE}_list.do?sysparm_query=${encodeURIComponent(`incident=${incidentSysId}`)}`
}

/**
 * Form button: create or reuse the Caller's learner, then open the course list.
 * @param {any} current the incident
 * @returns {{ url: string } | { error: string }}
 */
export function prepareCourseList(current) {
    const learner = ensureLearner(new LitmosTrainingClient(), current)
    if (!learner.ok) return { error: learner.message }
    return { url: courseListUrl(current.getUniqueValue()) }
}

/**
 * The server-side "Assign Courses" UI action on the Incident form.
 * @param {any} current
 * @param {any} action
 */
export function assignCoursesButton(current, action) {
    const next = prepareCourseList(current)
    if ('error' in next) {
        gs.addErrorMessage(escapeHtml(next.error))
        action.setRedirectURL(current)
        return
    }
    action.setRedirectURL(next.url)
}

/**
 * What the backend can narrow on, read from the list's encoded query: the list search
 * box (text search), per-column filters on name and code ("contains", "starts with",
 * "is", "ends with" all narrow to a substring; the platform post-filters the exact
 * operator) and the first sort column. Anything else is left to the platform's
 * post-filtering and sorting of the rows.
 * @param {string} encodedQuery
 * @param {string} textSearch
 */
export function backendQuery(encodedQuery, textSearch) {
    /** @type {{ search?: string, name?: string, code?: string, sort?: string }} */
    const q = {}
    if (textSearch) q.search = textSearch
    const terms = String(encodedQuery || '').split('^')
    for (const term of terms) {
        // An OR or a new query (NQ) widens the result: the backend's AND filters would
        // drop rows the platform should show, so narrow on nothing but the search.
        if ((term.startsWith('OR') && !term.startsWith('ORDERBY')) || term.startsWith('NQ')) {
            return textSearch ? { search: textSearch } : {}
        }
        const order = /^ORDERBY(DESC)?(name|code)$/.exec(term)
        if (order) {
            if (!q.sort) q.sort = (order[1] ? '-' : '') + order[2]
            continue
        }
        const filter = /^(name|code)(LIKE|STARTSWITH|ENDSWITH|=)(.+)$/.exec(term)
        if (filter) {
            const field = /** @type {'name' | 'code'} */ (filter[1])
            if (!q[field]) q[field] = filter[3]
            continue
        }
        const text = /^(?:GOTO)?123TEXTQUERY321=(.+)$/.exec(term)
        if (text && !q.search) q.search = text[1]
    }
    return q
}

/**
 * Every course the agent may assign that matches the query, page by page, at most
 * MAX_ROWS.
 * @param {any} client a LitmosTrainingClient
 * @param {string} agent
 * @param {{ search?: string, name?: string, code?: string, sort?: string }} query
 * @returns {{ ok: true, items: any[], total: number } | { ok: false, message: string }}
 */
export function fetchCourses(client, agent, query) {
    /** @type {any[]} */
    const items = []
    let total = 0
    for (let offset = 0; offset < MAX_ROWS; offset += PAGE) {
        const answer = client.listCourses(agent, { ...query, limit: PAGE, offset })
        if (!answer.ok) return { ok: false, message: answer.message }
        total = answer.data.total
        items.push(...answer.data.items)
        if (answer.data.items.length < PAGE || items.length >= total) break
    }
    return { ok: true, items: items.slice(0, MAX_ROWS), total }
}

/**
 * A course as a row of the remote table. The row's sys_id is the Litmos course id:
 * what the list's checkboxes hand to "Assign Courses".
 * @param {any} course
 * @param {string} incident
 */
export function courseRow(course, incident) {
    return {
        sys_id: course.id,
        course_id: course.id,
        code: course.code || '',
        name: course.name || '',
        description: course.description || '',
        active: course.active ? 'true' : 'false',
        incident: incident || '',
    }
}

/**
 * The remote table's query script (sys_script_vtable) for the course list.
 * @param {any} v_table
 * @param {any} v_query
 */
export function queryCourses(v_table, v_query) {
    const incident = v_query.getParameter('incident')
    const client = new LitmosTrainingClient()
    const query = backendQuery(v_query.getEncodedQuery(), v_query.isTextSearch() ? v_query.getTextSearch() : '')
    const result = fetchCourses(client, currentAgent(), query)
    if (!result.ok) {
        // setLastErrorMessage alone shows nothing to the agent: the list would just be empty.
        v_query.setLastErrorMessage(result.message)
        gs.addErrorMessage(messageHtml('Litmos Training could not list the courses: {0}', [result.message]))
        return
    }
    const wanted = v_query.isGet() ? v_query.getSysId() : ''
    for (const course of result.items) {
        if (wanted && course.id !== wanted) continue
        v_table.addRow(courseRow(course, isSysId(incident) ? incident : ''))
    }
    if (result.total > MAX_ROWS) {
        gs.addInfoMessage(
            messageHtml('Showing the first {0} of {1} courses: search or filter by name or code to narrow the list.', [MAX_ROWS, result.total]),
        )
    }
}

/**
 * The incident a request names, as the acting agent may see it: GlideRecordSecure, so
 * an agent who cannot read an incident cannot act on it (the id comes from the browser).
 * @param {string} incidentSysId
 */
export function openIncident(incidentSysId) {
    if (!isSysId(incidentSysId)) return null
    const incident = new GlideRecordSecure('incident')
    return incident.get(incidentSysId) && incident.canRead() ? incident : null
}
