// The training assigned from a record (incident or CSM case), kept locally in
// x_litmo_litmos_int_training: a row per record, learner and course, written as the
// system from the backend's feed (the work-note job) and from each successful
// assignment, so the record's Litmos Training list needs no backend call.
import { GlideRecord } from '@servicenow/glide'
import { TRAINING_TABLE, isSysId, toGlideDateTime } from './context.js'

/** The tables a record may come from. */
export const RECORD_TABLES = ['incident', 'sn_customerservice_case']

/** @param {string} record @param {string} learnerId @param {string} courseId */
export function assignmentKey(record, learnerId, courseId) {
    return `${record}:${learnerId}:${courseId}`
}

/**
 * Creates or updates one training row; an older change never overwrites a newer one.
 * @param {{ record: string, table?: string, learnerId: string, courseId: string, course?: string, status?: string,
 *   percentage?: number | null, score?: number | null, completedAt?: string | null, changedAt?: string | null,
 *   assignedAt?: string | null, assignedBy?: string }} t
 * @returns {string | null} the row's sys_id
 */
export function upsertTraining(t) {
    if (!isSysId(t.record) || !t.learnerId || !t.courseId) return null
    const key = assignmentKey(t.record, t.learnerId, t.courseId)
    const gr = new GlideRecord(TRAINING_TABLE)
    gr.addQuery('assignment_key', key)
    gr.setLimit(1)
    gr.query()
    const exists = gr.next()
    const changed = toGlideDateTime(t.changedAt)
    if (exists && changed && (gr.getValue('changed_at') || '') > changed) return gr.getUniqueValue()
    if (!exists) {
        gr.initialize()
        gr.setValue('assignment_key', key)
        gr.setValue('record', t.record)
        gr.setValue('record_table', RECORD_TABLES.indexOf(t.table || '') >= 0 ? t.table : 'incident')
        gr.setValue('learner_id', t.learnerId)
        gr.setValue('course_id', t.courseId)
        gr.setValue('status', 'not_started')
        gr.setValue('completed_at', '')
        gr.setValue('assigned_at', toGlideDateTime(t.assignedAt || t.changedAt))
    }
    if (t.course) gr.setValue('course', t.course)
    if (t.status) gr.setValue('status', t.status)
    if (t.percentage !== undefined) gr.setValue('percentage', t.percentage == null ? '' : String(t.percentage))
    if (t.score !== undefined) gr.setValue('score', t.score == null ? '' : String(t.score))
    if (t.completedAt !== undefined) gr.setValue('completed_at', toGlideDateTime(t.completedAt))
    if (changed) gr.setValue('changed_at', changed)
    if (t.assignedBy && !gr.getValue('assigned_by')) gr.setValue('assigned_by', t.assignedBy)
    return exists ? gr.update() : gr.insert()
}

/**
 * One feed entry as a training row.
 * @param {any} entry a FeedEntry
 */
export function trainingFromFeed(entry) {
    const record = (entry && entry.incident) || {}
    const course = (entry && entry.course) || {}
    return upsertTraining({
        record: record.sys_id,
        table: record.table,
        learnerId: String(entry.learner_id || ''),
        courseId: String(course.id || ''),
        course: course.name || '',
        status: entry.status,
        percentage: entry.percentage_complete,
        score: entry.score,
        completedAt: entry.completed_at,
        changedAt: entry.changed_at,
        // Who assigned it, when an entry says; the backend's feed does not (FeedEntry has
        // no assigned_by): fillAssignedBy reads it from the record's training.
        assignedBy: typeof entry.assigned_by === 'string' ? entry.assigned_by : undefined,
    })
}

/**
 * Whether a training row does not say yet who assigned its course.
 * @param {string | null} rowSysId
 */
export function lacksAssigner(rowSysId) {
    if (!rowSysId) return false
    const gr = new GlideRecord(TRAINING_TABLE)
    return gr.get(rowSysId) ? !gr.getValue('assigned_by') : false
}

/**
 * Who assigned each course of a record (an agent, or rule:<rule_id> for a rule's
 * assignment), from the backend's training of the record (GET
 * /v1/servicenow/incidents/{sys_id}/training), into the record's rows that do not say
 * yet: the feed's entries do not carry it, and only assignments made elsewhere than
 * this app's Assign Courses (which writes its agent) need it.
 * @param {any} client a LitmosTrainingClient
 * @param {string} recordSysId
 * @returns {{ ok: true, filled: number } | { ok: false, message: string }}
 */
export function fillAssignedBy(client, recordSysId) {
    const answer = client.recordTraining(recordSysId)
    if (!answer.ok) return { ok: false, message: answer.message }
    let filled = 0
    for (const a of (answer.data && answer.data.assignments) || []) {
        if (typeof a.assigned_by !== 'string' || !a.assigned_by) continue
        const gr = new GlideRecord(TRAINING_TABLE)
        gr.addQuery('assignment_key', assignmentKey(recordSysId, String(a.learner_id || ''), String(a.course_id || '')))
        gr.setLimit(1)
        gr.query()
        if (!gr.next() || gr.getValue('assigned_by')) continue
        gr.setValue('assigned_by', a.assigned_by)
        gr.update()
        filled++
    }
    return { ok: true, filled }
}
