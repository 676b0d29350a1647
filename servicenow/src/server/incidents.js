// The incident side: each new incident (and each change of its category or Caller) is
// sent to the backend (POST /v1/servicenow/incidents) for the effectiveness report,
// while the integration is active; a send that fails for a passing reason waits in the
// outbox for the retry job (src/server/outbox.js).
import { gs } from '@servicenow/glide'
import { LitmosTrainingClient } from '@servicenow/glide/x_litmo_litmos_int'
import { queueSend, worthRetrying } from './outbox.js'
import { recordPayload } from './payload.js'

export { incidentPayload, recordPayload } from './payload.js'

/**
 * Async business rule on insert and on a change of category or Caller.
 * @param {any} current
 * @returns {{ sent: boolean, status?: number, message?: string, queued?: boolean }}
 */
export function onIncidentSaved(current) {
    const payload = recordPayload(current)
    if (!payload) return { sent: false, message: 'no caller' }
    const client = new LitmosTrainingClient()
    // Inactive, not activated, or a clone of another instance: nothing is sent.
    if (!client.isConfigured()) return { sent: false, message: 'not active' }
    const answer = client.recordIncident(payload)
    if (!answer.ok) {
        gs.warn(`Litmos Training: ${payload.number} was not recorded: ${answer.message}`)
        if (worthRetrying(answer)) {
            queueSend(current, answer)
            return { sent: false, status: answer.status, message: answer.message, queued: true }
        }
        return { sent: false, status: answer.status, message: answer.message }
    }
    return { sent: true, status: answer.status }
}
