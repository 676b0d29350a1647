// The course list as an agent opens it: a secure query of the local course table, so
// the table's ACLs and its before-query business rule (from Fluent) decide the rows.
import { GlideRecordSecure, seed, state } from './glide.mjs'

export const COURSE_TABLE = 'x_litmo_litmos_int_course'

/** @returns {{ rows: Record<string, string>[], errors: string[], infos: string[] }} */
export function listCourses(encodedQuery = '') {
    const before = state.messages.length
    const gr = new GlideRecordSecure(COURSE_TABLE)
    if (encodedQuery) gr.addEncodedQuery(encodedQuery)
    gr.orderBy('name')
    gr.query()
    const rows = []
    while (gr.next()) rows.push({ ...gr._row })
    const shown = state.messages.slice(before)
    return {
        rows,
        errors: shown.filter((m) => m.level === 'error').map((m) => m.message),
        infos: shown.filter((m) => m.level === 'info').map((m) => m.message),
    }
}

/** Course rows as the sync job would have written them; returns sys_ids by course id. */
export function seedCourses(courses) {
    const ids = {}
    for (const c of courses) {
        ids[c.id] = seed(COURSE_TABLE, { course_id: c.id, name: c.name, code: c.code || '', description: c.description || '', active: c.active !== false, removed: !!c.removed })
    }
    return ids
}
