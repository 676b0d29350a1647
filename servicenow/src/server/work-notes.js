// Every 15 minutes: read the backend's feed of training changes from the stored
// cursor (GET /v1/servicenow/training/updates), add each entry's note as a work note
// on its incident (or case), its training row updated, remember each entry id noted (so a re-read never notes twice) and
// save the cursor only after the notes of its page are written (so a crash or an
// outage never loses a note: the page is read again and its noted entries skipped).
import { gs, GlideRecord, GlideDateTime } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { CONFIG_TABLE, NOTED_TABLE, isSysId } from './context.js'
import { RECORD_TABLES, fillAssignedBy, lacksAssigner, trainingFromFeed } from './training.js'

export const PAGE_SIZE = 100
/** Pages per run; the next run goes on from the saved cursor. */
export const MAX_PAGES = 20

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
 * @param {string} cursor
 */
function saveCursor(config, cursor) {
    config.setValue('updates_cursor', cursor)
    config.setValue('updates_checked_at', new GlideDateTime().getValue())
    config.setWorkflow(false) // not a new key: no activation
    config.update()
}

/** @param {string} id */
function alreadyNoted(id) {
    const gr = new GlideRecord(NOTED_TABLE)
    gr.addQuery('update_id', id)
    gr.setLimit(1)
    gr.query()
    return gr.hasNext()
}

/**
 * @param {string} id
 * @param {string} incident
 * @param {string} outcome
 */
function markNoted(id, incident, outcome) {
    const gr = new GlideRecord(NOTED_TABLE)
    gr.initialize()
    gr.setValue('update_id', id)
    gr.setValue('incident', incident)
    gr.setValue('outcome', outcome)
    gr.insert()
}

/**
 * Adds one feed entry's note to its record (an incident or a CSM case), once, and
 * keeps the record's training row up to date (every time: it is idempotent).
 * @param {any} entry
 * @param {Set<string>} [unknownAssigner] gets the record's sys_id when the entry is a
 *   new assignment whose row does not say who assigned it (a rule's, say)
 * @returns {'noted' | 'training_only' | 'skipped' | 'incident_not_found'}
 */
export function noteEntry(entry, unknownAssigner) {
    const id = String(entry.id)
    const ref = entry.incident || {}
    const table = RECORD_TABLES.indexOf(ref.table) >= 0 ? ref.table : 'incident'
    const record = new GlideRecord(table)
    const found = isSysId(ref.sys_id) && record.get(ref.sys_id)
    if (found && entry.course && entry.learner_id) {
        const row = trainingFromFeed(entry)
        if (unknownAssigner && entry.status === 'not_started' && lacksAssigner(row)) unknownAssigner.add(ref.sys_id)
    }
    if (alreadyNoted(id)) return 'skipped'
    if (!found) {
        markNoted(id, '', 'incident_not_found')
        return 'incident_not_found'
    }
    if (typeof entry.note !== 'string' || !entry.note.trim()) {
        // One of a rule's batch after its first entry (which carries the batch's one
        // note): the training row is updated above, no work note is written, and the
        // entry is remembered like a noted one.
        markNoted(id, ref.sys_id, 'training_only')
        return 'training_only'
    }
    record.setValue('work_notes', entry.note)
    record.update()
    markNoted(id, ref.sys_id, 'noted')
    return 'noted'
}

/**
 * The scheduled job.
 * @returns {{ pages: number, noted: number, skipped: number, missing: number, trainingOnly: number, error?: string }}
 */
export function syncTrainingUpdates() {
    const summary = { pages: 0, noted: 0, skipped: 0, missing: 0, trainingOnly: 0 }
    const config = activeConfiguration()
    if (!config) return summary
    const client = new LitmosTrainingClient()
    if (!client.isConfigured()) return summary
    let cursor = config.getValue('updates_cursor') || ''
    for (let page = 0; page < MAX_PAGES; page++) {
        const answer = client.trainingUpdates(cursor, PAGE_SIZE)
        if (!answer.ok) {
            if (answer.status === 400 && cursor) {
                // The cursor no longer fits (another key or deployment): read the feed
                // from the start; entries already noted are skipped by their id.
                gs.warn(`Litmos Training: the training feed refused the saved cursor (${answer.message}); reading from the start next time.`)
                saveCursor(config, '')
            } else {
                gs.warn(`Litmos Training: the training feed could not be read: ${answer.message}`)
            }
            return { ...summary, error: answer.message }
        }
        summary.pages++
        const updates = answer.data.updates || []
        /** @type {Set<string>} */
        const unknownAssigner = new Set()
        for (const entry of updates) {
            const outcome = noteEntry(entry, unknownAssigner)
            if (outcome === 'noted') summary.noted++
            else if (outcome === 'training_only') summary.trainingOnly++
            else if (outcome === 'skipped') summary.skipped++
            else summary.missing++
        }
        // Assignments made elsewhere (a rule's: rule:<rule_id>): one read of each such
        // record's training says who assigned them. A failure leaves "Assigned by" empty.
        unknownAssigner.forEach((sysId) => {
            const filled = fillAssignedBy(client, sysId)
            if (!filled.ok) gs.warn(`Litmos Training: who assigned the training of ${sysId} could not be read: ${filled.message}`)
        })
        const next = answer.data.next_cursor || cursor
        if (next !== cursor || updates.length) saveCursor(config, next)
        cursor = next
        if (updates.length === 0) break
    }
    return summary
}
