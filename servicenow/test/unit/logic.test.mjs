// Business logic that needs no backend: query translation, paging, keys, payloads,
// rows, and the work-note job's bookkeeping (with a scripted client).
import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import { GlideRecord, reset, rows, seed, state } from '../support/glide.mjs'
import { courseListUrl } from '../../src/server/course-list.js'
import { accessQuery } from '../../src/server/catalog.js'
import { courseIdsFrom, idempotencyKey } from '../../src/server/assign.js'
import { backendUrlProblem, endpointLines } from '../../src/server/activation.js'
import { incidentPayload } from '../../src/server/incidents.js'
import { upsertTraining } from '../../src/server/training.js'
import { noteEntry } from '../../src/server/work-notes.js'
import { toGlideDateTime, toRfc3339 } from '../../src/server/context.js'

beforeEach(() => reset())

describe('course list', () => {
    it('carries the record as URL parameters, not as a condition on the courses', () => {
        assert.equal(
            courseListUrl('0123456789abcdef0123456789abcdef', 'sn_customerservice_case'),
            'x_litmo_litmos_int_course_list.do?sysparm_x_litmo_record=0123456789abcdef0123456789abcdef&sysparm_x_litmo_table=sn_customerservice_case&sysparm_stack=no',
        )
    })

    it("limits the agent to what they may assign: all active, a Team Leader's ids, or nothing", () => {
        assert.equal(accessQuery({ all: true, courseIds: [] }), 'active=true^removed=false')
        assert.equal(accessQuery({ all: false, courseIds: ['C1', 'C2'] }), 'active=true^removed=false^course_idINC1,C2')
        assert.equal(accessQuery({ all: false, courseIds: [] }), 'sys_id=-1')
    })
})

describe('assignment keys', () => {
    it('takes the checked ids once each, in order', () => {
        assert.deepEqual(courseIdsFrom(' C2,C1,,C2 ,C3'), ['C2', 'C1', 'C3'])
        assert.deepEqual(courseIdsFrom(''), [])
    })

    it('gives one key per page view, incident and selection', () => {
        const k = idempotencyKey('page', 'inc', ['B', 'A'])
        assert.equal(k, idempotencyKey('page', 'inc', ['A', 'B']), 'the order of checking does not matter')
        assert.notEqual(k, idempotencyKey('page', 'inc', ['A']))
        assert.notEqual(k, idempotencyKey('other', 'inc', ['A', 'B']))
        assert.match(k, /^sn-page-[0-9A-F]{64}$/)
        assert.ok(idempotencyKey('x'.repeat(500) + ' <bad>', 'inc', Array.from({ length: 50 }, (_, i) => `C${i}`)).length <= 255)
        assert.match(idempotencyKey('a b<c>', 'i', ['x']), /^sn-abc-/)
    })
})

describe('activation', () => {
    it('lists the endpoints one per line, in the backend\'s order', () => {
        assert.equal(endpointLines({ endpoints: { activate: 'https://x/a', courses: 'https://x/c' } }), 'activate: https://x/a\ncourses: https://x/c')
        assert.equal(endpointLines({}), '')
    })

    it('checks the backend URL before calling it', () => {
        assert.equal(backendUrlProblem('https://api.example.com'), '')
        assert.equal(backendUrlProblem('http://127.0.0.1:9000/base'), '')
        assert.notEqual(backendUrlProblem(''), '')
        assert.notEqual(backendUrlProblem('ftp://x'), '')
        assert.notEqual(backendUrlProblem('https://x/?a=b'), '')
        assert.notEqual(backendUrlProblem('javascript:alert(1)'), '')
        state.properties['x_litmo_litmos_int.allow_http_backend'] = 'false'
        assert.equal(backendUrlProblem('http://127.0.0.1:9000/base'), 'The Litmos Training URL must start with https://.')
        assert.equal(backendUrlProblem('https://api.example.com'), '')
    })
})

describe('incidents', () => {
    it('sends UTC RFC 3339 and at most 80 characters of category', () => {
        const caller = seed('sys_user', { user_name: 'c' })
        const id = seed('incident', { number: 'INC0010001', caller_id: caller, opened_at: '2024-05-06 07:08:09', category: 'x'.repeat(100) })
        const gr = new GlideRecord('incident')
        gr.get(id)
        assert.deepEqual(incidentPayload(gr), {
            sys_id: id, number: 'INC0010001', caller_sys_id: caller, opened_at: '2024-05-06T07:08:09Z', category: 'x'.repeat(80), table: 'incident',
            caller: { sys_id: caller, user_name: 'c' },
        })
        gr.setValue('category', '')
        assert.equal('category' in incidentPayload(gr), false)
        gr.setValue('caller_id', '')
        assert.equal(incidentPayload(gr), null)
    })

    it('converts dates both ways', () => {
        assert.equal(toRfc3339('2024-01-02 03:04:05'), '2024-01-02T03:04:05Z')
        assert.match(toRfc3339(''), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
        assert.equal(toGlideDateTime('2024-01-02T03:04:05.123Z'), '2024-01-02 03:04:05')
        assert.equal(toGlideDateTime('2024-01-02T05:04:05+02:00'), '2024-01-02 03:04:05')
        assert.equal(toGlideDateTime(null), '')
        assert.equal(toGlideDateTime('soon'), '')
    })

    it('keeps one training row per record, learner and course; an older change never overwrites a newer one', () => {
        const inc = seed('incident', { number: 'INC0000001' })
        const base = { record: inc, table: 'incident', learnerId: 'L', courseId: 'C', course: 'Billing' }
        upsertTraining({ ...base, status: 'in_progress', percentage: 40, changedAt: '2024-01-02T04:00:00Z' })
        upsertTraining({ ...base, status: 'not_started', percentage: 0, changedAt: '2024-01-02T03:00:00Z' })
        upsertTraining({ ...base, status: 'completed', percentage: 100, score: 87.5, completedAt: '2024-01-03T00:00:00Z', changedAt: '2024-01-03T00:00:00Z' })
        const all = rows('x_litmo_litmos_int_training')
        assert.equal(all.length, 1)
        assert.deepEqual(
            [all[0].status, all[0].percentage, all[0].score, all[0].completed_at, all[0].assigned_at, all[0].record_table],
            ['completed', '100', '87.5', '2024-01-03 00:00:00', '2024-01-02 04:00:00', 'incident'],
        )
        assert.match(all[0].sys_id, /^[0-9a-f]{32}$/)
        assert.equal(upsertTraining({ ...base, record: 'not-a-sys-id' }), null)
    })
})

describe('work notes', () => {
    it('notes an entry once and remembers entries whose incident is gone', () => {
        const inc = seed('incident', { number: 'INC0000001' })
        const entry = { id: 7, incident: { sys_id: inc, number: 'INC0000001' }, note: 'Litmos training assigned: Billing' }
        const withCourse = { ...entry, id: 9, learner_id: 'L', course: { id: 'C', name: 'Billing' }, status: 'in_progress', percentage_complete: 10, changed_at: '2024-01-02T03:04:05Z' }
        assert.equal(noteEntry(entry), 'noted')
        assert.equal(noteEntry(entry), 'skipped')
        assert.deepEqual(rows('incident')[0].work_notes_journal.map((n) => n.value), ['Litmos training assigned: Billing'])
        assert.equal(noteEntry({ ...entry, id: 8, incident: { sys_id: 'f'.repeat(32), number: 'INC9' } }), 'incident_not_found')
        assert.deepEqual(rows('x_litmo_litmos_int_noted_update').map((r) => [r.update_id, r.outcome]), [['7', 'noted'], ['8', 'incident_not_found']])
        assert.equal(noteEntry(withCourse), 'noted')
        assert.deepEqual(rows('x_litmo_litmos_int_training').map((r) => [r.record, r.course, r.status, r.percentage]), [[inc, 'Billing', 'in_progress', '10']])
        assert.equal(noteEntry({ ...withCourse, id: 10, incident: { sys_id: 'f'.repeat(32), number: 'INC9' } }), 'incident_not_found')
        assert.equal(rows('x_litmo_litmos_int_training').length, 1, 'no row for a record this instance does not have')
    })
})

describe('LitmosTrainingAjax', () => {
    it('refuses a user without the role before doing anything', async () => {
        const { loadScriptInclude } = await import('../support/scope.mjs')
        const Ajax = loadScriptInclude('LitmosTrainingAjax', {})
        state.user = { sys_id: 'u', user_name: 'itil.only', email: 'i@o.x', roles: ['itil'] }
        const answer = JSON.parse(new Ajax({ sysparm_record: 'x', sysparm_courses: 'C1' }).assignCourses())
        assert.deepEqual(answer, { ok: false, status: 403, error: 'You need the Litmos Training User role to assign courses.' })
        assert.equal(state.requests.length, 0)
    })
})
