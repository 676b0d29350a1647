// The Flow Designer action "Assign Litmos courses" (src/fluent/flow-action.now.ts):
// inputs record (an incident or a CSM case), courses (Litmos course ids) and send
// message; outputs assigned, already assigned and messages. It runs the course
// window's assignment path (assign.js assignToRecord: learner created or reused, POST
// /v1/servicenow/assignments, training rows, start links). A flow runs as the system,
// which has no Litmos identity: the action assigns as the Configurations record's
// "Automation agent" (set by an administrator), and refuses to run without one.
import { GlideRecord } from '@servicenow/glide'
import { CONFIG_TABLE, messageText } from './context.js'
import { MAX_COURSES, assignToRecord, courseIdsFrom, idempotencyKey } from './assign.js'
import { RECORD_TABLES } from './training.js'

/** The automation agent, or '' when none is set. */
export function automationAgent() {
    const gr = new GlideRecord(CONFIG_TABLE)
    gr.addQuery('active', true)
    gr.orderByDesc('sys_updated_on')
    gr.setLimit(1)
    gr.query()
    return gr.next() ? String(gr.getValue('automation_agent') || '').trim() : ''
}

/**
 * @param {{ table: string, sysId: string, courses: string, sendMessage: boolean }} input
 * @returns {{ ok: boolean, assigned: string, already_assigned: string, messages: string, error: string }}
 *   assigned and already_assigned: course names, comma-separated; messages: one a line
 */
export function assignFromFlow(input) {
    const fail = (/** @type {string} */ error) => ({ ok: false, assigned: '', already_assigned: '', messages: error, error })
    const agent = automationAgent()
    if (!agent) {
        return fail(
            messageText('Assign Litmos courses needs an automation agent: an administrator sets the Litmos user flows assign as on Litmos Training > Configurations (Automation agent).'),
        )
    }
    if (RECORD_TABLES.indexOf(input.table) < 0) {
        return fail(messageText('Assign Litmos courses works on an incident or a CSM case, not on {0}.', [input.table || 'nothing']))
    }
    const record = new GlideRecord(input.table)
    if (!record.get(input.sysId)) return fail(messageText('Assign Litmos courses: the {0} record {1} was not found.', [input.table, input.sysId]))
    const courseIds = courseIdsFrom(input.courses)
    if (courseIds.length === 0) return fail(messageText('Assign Litmos courses needs one or more Litmos course ids.'))
    if (courseIds.length > MAX_COURSES) return fail(messageText('Select at most {0} courses at a time.', [MAX_COURSES]))
    // A flow that runs again for the same record and courses replays the first answer.
    const key = idempotencyKey(`flow-${agent}`, record.getUniqueValue(), courseIds)
    const result = assignToRecord({ record, courseIds, agent, sendMessage: !!input.sendMessage, idempotencyKey: key })
    if (!result.ok) return fail(result.error)
    return {
        ok: true,
        assigned: result.assigned.map((c) => c.name).join(', '),
        already_assigned: result.alreadyAssigned.map((c) => c.name).join(', '),
        messages: result.messages.join('\n'),
        error: '',
    }
}
