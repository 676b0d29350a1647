// Sends that failed for a reason that may pass (the backend down, 429, 5xx) wait in
// x_litmo_litmos_int_outbox, one row per record, and a job tries them again with a
// growing pause (5 minutes, doubled, at most 6 hours) up to MAX_ATTEMPTS times; then
// the row stays "Failed" for an administrator to see. A refusal (4xx) is not retried.
import { gs, GlideDateTime, GlideRecord } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { OUTBOX_TABLE } from './context.js'
import { recordPayload } from './payload.js'
import { RECORD_TABLES } from './training.js'

export const MAX_ATTEMPTS = 10
const FIRST_PAUSE_MINUTES = 5
const MAX_PAUSE_MINUTES = 360

/** @param {{ ok: boolean, status?: number, unreachable?: boolean, notConfigured?: boolean }} answer */
export function worthRetrying(answer) {
    if (answer.ok || answer.notConfigured) return false
    const status = answer.status || 0
    return !!answer.unreachable || status === 0 || status === 429 || status >= 500
}

/**
 * When the next attempt may run, after `attempts` failed ones.
 * @param {number} attempts
 * @param {number} [now] milliseconds
 */
export function nextAttemptAt(attempts, now) {
    const minutes = Math.min(MAX_PAUSE_MINUTES, FIRST_PAUSE_MINUTES * 2 ** Math.max(0, attempts - 1))
    return new Date((now || new Date().getTime()) + minutes * 60000).toISOString().slice(0, 19).replace('T', ' ')
}

/**
 * Keeps a failed send for the retry job (one row per record: the job sends the record
 * as it is then, so a later change of it needs no second row).
 * @param {any} record the incident or case
 * @param {{ status?: number, message?: string }} failure
 */
export function queueSend(record, failure) {
    const gr = new GlideRecord(OUTBOX_TABLE)
    gr.addQuery('record', record.getUniqueValue())
    gr.setLimit(1)
    gr.query()
    const exists = gr.next()
    if (!exists) {
        gr.initialize()
        gr.setValue('record', record.getUniqueValue())
        gr.setValue('record_table', record.getTableName())
        gr.setValue('number', record.getValue('number') || '')
        gr.setValue('attempts', '1')
    }
    const attempts = exists ? Number(gr.getValue('attempts') || 0) : 1
    gr.setValue('state', 'pending')
    gr.setValue('last_status', String(failure.status || 0))
    gr.setValue('last_error', String(failure.message || '').slice(0, 1000))
    gr.setValue('next_attempt_at', nextAttemptAt(attempts))
    return exists ? gr.update() : gr.insert()
}

/**
 * The retry job: every send that is due, once.
 * @returns {{ sent: number, retried: number, failed: number }}
 */
export function retrySends() {
    const summary = { sent: 0, retried: 0, failed: 0 }
    const client = new LitmosTrainingClient()
    if (!client.isConfigured()) return summary // inactive, or a clone: nothing is sent
    const due = new GlideRecord(OUTBOX_TABLE)
    due.addQuery('state', 'pending')
    due.addQuery('next_attempt_at', '<=', new GlideDateTime().getValue())
    due.orderBy('next_attempt_at')
    due.setLimit(200)
    due.query()
    while (due.next()) {
        const table = due.getValue('record_table') || ''
        const record = new GlideRecord(RECORD_TABLES.indexOf(table) >= 0 ? table : 'incident')
        const payload = record.get(due.getValue('record') || '') ? recordPayload(record) : null
        if (!payload) {
            fail(due, 0, gs.getMessage('The record is gone or has no Caller any more.'))
            summary.failed++
            continue
        }
        const answer = client.recordIncident(payload)
        if (answer.ok) {
            due.deleteRecord()
            summary.sent++
            continue
        }
        const attempts = Number(due.getValue('attempts') || 0) + 1
        due.setValue('attempts', String(attempts))
        if (!worthRetrying(answer) || attempts >= MAX_ATTEMPTS) {
            fail(due, answer.status || 0, answer.message)
            summary.failed++
            continue
        }
        due.setValue('last_status', String(answer.status || 0))
        due.setValue('last_error', String(answer.message || '').slice(0, 1000))
        due.setValue('next_attempt_at', nextAttemptAt(attempts))
        due.update()
        summary.retried++
    }
    return summary
}

/** @param {any} row @param {number} status @param {string} message */
function fail(row, status, message) {
    row.setValue('state', 'failed')
    row.setValue('last_status', String(status))
    row.setValue('last_error', String(message || '').slice(0, 1000))
    row.update()
    gs.warn(`Litmos Training: ${row.getValue('number') || row.getValue('record')} was not sent to Litmos Training: ${message}`)
}
