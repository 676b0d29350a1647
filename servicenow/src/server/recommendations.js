// "Recommended for <category>" in the course window: the backend ranks the tenant's
// courses by how much fewer repeat incidents go with completing them, per category
// (GET /v1/servicenow/recommendations?category=&table=). The ranking is kept locally in
// x_litmo_litmos_int_recommendation (a row per table, category and course: rank,
// difference, 95 % interval, sample sizes), for CACHE_MINUTES per category, so the
// window's "Recommended" list is an ordinary list over local rows (filters, sort,
// columns, paging, "Assign Courses" on selected rows). A failure is shown to the agent
// and not kept.
import { gs, GlideDateTime, GlideRecord } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { COURSE_TABLE, messageHtml, messageText } from './context.js'
import { agentAccess } from './catalog.js'
import { courseListUrl, openRecord } from './course-list.js'

export const RECOMMENDATION_TABLE = 'x_litmo_litmos_int_recommendation'
/** How long one category's ranking is kept before the backend is asked again. */
export const CACHE_MINUTES = 15
const CATEGORY_MAX = 80

/** The key a category is kept under (the backend compares categories in any case). */
export function categoryKey(category) {
    return String(category || '').trim().slice(0, CATEGORY_MAX).toLowerCase()
}

/** @param {string | null} glideValue */
function freshFor(glideValue, minutes) {
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(String(glideValue || ''))
    if (!m) return false
    return new Date().getTime() - new Date(`${m[1]}T${m[2]}Z`).getTime() < minutes * 60000
}

/**
 * The ranking for a table and category, from the local rows while they are fresh, else
 * from the backend (one call), written locally.
 * @param {string} table incident or sn_customerservice_case
 * @param {string} category
 * @param {any} [client]
 * @returns {{ ok: true, count: number, cached: boolean } | { ok: false, message: string }}
 */
export function refreshRecommendations(table, category, client) {
    const key = categoryKey(category)
    const marker = new GlideRecord(RECOMMENDATION_TABLE)
    marker.setWorkflow(false) // the agent filter (a before-query rule) is not for the cache
    marker.addQuery('record_table', table)
    marker.addQuery('category_key', key)
    marker.addEncodedQuery('course_idISEMPTY')
    marker.setLimit(1)
    marker.query()
    if (marker.next() && freshFor(marker.getValue('fetched_at'), CACHE_MINUTES)) {
        return { ok: true, count: parseInt(marker.getValue('rank') || '0', 10) || 0, cached: true }
    }
    const http = client || new LitmosTrainingClient()
    const answer = http.recommendations(category, table)
    if (!answer.ok) {
        gs.warn(`Litmos Training: recommendations for ${table} / ${category} could not be read: ${answer.message}`)
        return { ok: false, message: answer.message }
    }
    const items = (answer.data && answer.data.items) || []
    const now = new GlideDateTime().getValue()
    const old = new GlideRecord(RECOMMENDATION_TABLE)
    old.setWorkflow(false)
    old.addQuery('record_table', table)
    old.addQuery('category_key', key)
    old.query()
    while (old.next()) old.deleteRecord()
    items.forEach((item, i) => {
        const row = new GlideRecord(RECOMMENDATION_TABLE)
        row.initialize()
        row.setValue('record_table', table)
        row.setValue('category_key', key)
        row.setValue('recommended_for', String(category).slice(0, CATEGORY_MAX))
        row.setValue('rank', i + 1)
        row.setValue('course_id', String(item.course_id))
        row.setValue('course_name', String(item.name || ''))
        const course = localCourse(String(item.course_id))
        if (course) row.setValue('course', course.getUniqueValue())
        row.setValue('available', !!course && course.getValue('active') === 'true' && course.getValue('removed') !== 'true')
        row.setValue('difference', Number(item.difference))
        row.setValue('interval_low', Number((item.interval || [])[0]))
        row.setValue('interval_high', Number((item.interval || [])[1]))
        row.setValue('completed', Number(item.completed))
        row.setValue('not_completed', Number(item.not_completed))
        row.setValue('repeat_rate_completed', Number(item.repeat_rate_completed))
        row.setValue('repeat_rate_not_completed', Number(item.repeat_rate_not_completed))
        row.setValue('fetched_at', now)
        row.insert()
    })
    // The marker: when this category was read and how many courses it ranked (0 kept too).
    const mark = new GlideRecord(RECOMMENDATION_TABLE)
    mark.initialize()
    mark.setValue('record_table', table)
    mark.setValue('category_key', key)
    mark.setValue('recommended_for', String(category).slice(0, CATEGORY_MAX))
    mark.setValue('course_id', '')
    mark.setValue('rank', items.length)
    mark.setValue('available', false)
    mark.setValue('fetched_at', now)
    mark.insert()
    return { ok: true, count: items.length, cached: false }
}

/** @param {string} courseId */
function localCourse(courseId) {
    const gr = new GlideRecord(COURSE_TABLE)
    gr.setWorkflow(false)
    gr.addQuery('course_id', courseId)
    gr.setLimit(1)
    gr.query()
    return gr.next() ? gr : null
}

/**
 * The "Recommended" list of the course window, for the record it was opened for.
 * @param {string} recordSysId
 * @param {string} table
 * @param {string} [host] 'workspace' when the window is a workspace frame
 */
export function recommendationListUrl(recordSysId, table, category, host) {
    const query = `record_table=${table}^category_key=${categoryKey(category)}^available=true^ORDERBYrank`
    return `${RECOMMENDATION_TABLE}_list.do?sysparm_query=${encodeURIComponent(query)}&sysparm_x_litmo_record=${encodeURIComponent(recordSysId)}&sysparm_x_litmo_table=${encodeURIComponent(table)}&sysparm_stack=no${host === 'workspace' ? '&sysparm_x_litmo_host=workspace' : ''}`
}

/**
 * "Recommended" on the course list (GlideAjax): the record as the agent may see it, its
 * category's ranking made ready, then the URL of the Recommended list.
 * @param {string} table
 * @param {string} sysId
 * @param {string} [host]
 * @returns {{ ok: true, url: string, title: string, count: number } | { ok: false, error: string }}
 */
export function openRecommendations(table, sysId, host) {
    const record = openRecord(table, sysId)
    if (!record) return { ok: false, error: messageText('Open Assign Courses from an Incident or a Case you can see.') }
    const category = String(record.getValue('category') || '').trim()
    if (!category) {
        return { ok: false, error: messageText('This record has no category, so no courses can be recommended for it: set its category first.') }
    }
    const ranking = refreshRecommendations(table, category)
    if (!ranking.ok) return { ok: false, error: messageText('Litmos Training could not rank the courses for {0}: {1}', [category, ranking.message]) }
    if (ranking.count === 0) {
        return {
            ok: false,
            error: messageText('No course is recommended for {0} yet: too few callers completed, or did not complete, a course assigned for it.', [category]),
        }
    }
    return {
        ok: true,
        url: recommendationListUrl(sysId, table, category, host),
        title: messageText('Recommended for {0}', [category]),
        count: ranking.count,
    }
}

/**
 * "All courses" on the Recommended list: back to the course list of the same record.
 * @param {string} table
 * @param {string} sysId
 * @param {string} [host]
 */
export function allCoursesUrl(table, sysId, host) {
    return courseListUrl(sysId, table) + (host === 'workspace' ? '&sysparm_x_litmo_host=workspace' : '')
}

/**
 * The course rows behind selected Recommended rows, in the order selected (the window's
 * "Assign Courses" on the Recommended list). A row whose course the local catalog does
 * not hold makes the whole selection refused.
 * @param {string[]} rowSysIds
 * @returns {{ ok: true, courseRows: string[] } | { ok: false }}
 */
export function courseRowsOf(rowSysIds) {
    const gr = new GlideRecord(RECOMMENDATION_TABLE)
    gr.setWorkflow(false) // the backend decides what the agent may assign (SPEC 3.3)
    gr.addQuery('sys_id', 'IN', rowSysIds.join(','))
    gr.query()
    /** @type {Record<string, string>} */
    const byRow = {}
    while (gr.next()) byRow[gr.getUniqueValue()] = gr.getValue('course') || ''
    const courseRows = []
    for (const id of rowSysIds) {
        if (!byRow[id]) return { ok: false }
        courseRows.push(byRow[id])
    }
    return { ok: true, courseRows }
}

/**
 * Before-query business rule on the Recommended list (interactive sessions): an agent
 * sees only the ranked courses they may assign, as on the course list; a failure shows
 * why and no rows.
 * @param {any} current
 */
export function onRecommendationQuery(current) {
    const access = agentAccess()
    if (!access.ok) {
        gs.addErrorMessage(messageHtml('Litmos Training could not list the courses: {0}', [access.message]))
        current.addEncodedQuery('sys_id=-1')
        return
    }
    current.addEncodedQuery('course_idISNOTEMPTY')
    if (!access.all) current.addEncodedQuery(access.courseIds.length ? `course_idIN${access.courseIds.join(',')}` : 'sys_id=-1')
}
