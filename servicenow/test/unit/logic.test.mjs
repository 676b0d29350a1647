// Business logic that needs no backend: query translation, paging, keys, payloads,
// rows, and the work-note job's bookkeeping (with a scripted client).
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { beforeEach, describe, it } from 'node:test'
import { GlideRecord, reset, rows, seed, state } from '../support/glide.mjs'
import { backendQuery, courseListUrl, courseRow, fetchCourses, MAX_ROWS } from '../../src/server/course-list.js'
import { courseIdsFrom, idempotencyKey } from '../../src/server/assign.js'
import { backendUrlProblem, endpointLines } from '../../src/server/activation.js'
import { incidentPayload, trainingRow } from '../../src/server/incidents.js'
import { noteEntry } from '../../src/server/work-notes.js'
import { toGlideDateTime, toRfc3339 } from '../../src/server/context.js'

beforeEach(() => reset())

describe('course list query', () => {
    it('narrows on search, name, code and the first sort', () => {
        assert.deepEqual(backendQuery('incident=abc^nameLIKEbill^codeSTARTSWITHSUP^ORDERBYDESCname^ORDERBYcode', ''), {
            name: 'bill',
            code: 'SUP',
            sort: '-name',
        })
        assert.deepEqual(backendQuery('incident=abc^123TEXTQUERY321=reset', ''), { search: 'reset' })
        assert.deepEqual(backendQuery('GOTO123TEXTQUERY321=reset', 'reset'), { search: 'reset' })
        assert.deepEqual(backendQuery('name=Billing: Essentials', ''), { name: 'Billing: Essentials' })
        assert.deepEqual(backendQuery('ORDERBYcode', ''), { sort: 'code' })
    })

    it('leaves anything it cannot narrow safely to the platform', () => {
        assert.deepEqual(backendQuery('nameLIKEbill^ORnameLIKEpass', ''), {})
        assert.deepEqual(backendQuery('nameLIKEbill^NQcodeLIKEX', 'q'), { search: 'q' })
        assert.deepEqual(backendQuery('name!=Billing^descriptionLIKEx^active=true^ORDERBYdescription', ''), {})
    })

    it('pages through the backend up to the remote-table limit', () => {
        const calls = []
        const client = {
            listCourses(agent, q) {
                calls.push({ agent, ...q })
                const items = Array.from({ length: Math.max(0, Math.min(q.limit, 1234 - q.offset)) }, (_, i) => ({ id: `C${q.offset + i}` }))
                return { ok: true, data: { items, total: 1234, limit: q.limit, offset: q.offset } }
            },
        }
        const r = fetchCourses(client, 'a@b.c', { search: 'x' })
        assert.equal(r.ok, true)
        assert.equal(r.items.length, MAX_ROWS)
        assert.equal(r.total, 1234)
        assert.equal(calls.length, 10)
        assert.deepEqual(calls[1], { agent: 'a@b.c', search: 'x', limit: 100, offset: 100 })
        const short = fetchCourses({ listCourses: () => ({ ok: true, data: { items: [{ id: 'C1' }], total: 1 } }) }, 'a', {})
        assert.deepEqual(short, { ok: true, items: [{ id: 'C1' }], total: 1 })
        const failed = fetchCourses({ listCourses: () => ({ ok: false, message: 'nope' }) }, 'a', {})
        assert.deepEqual(failed, { ok: false, message: 'nope' })
    })

    it('makes rows whose sys_id is the course id and that keep the incident', () => {
        assert.deepEqual(courseRow({ id: 'C1', code: 'SUP1', name: 'N', description: 'D', active: true }, 'i'), {
            sys_id: 'C1', course_id: 'C1', code: 'SUP1', name: 'N', description: 'D', active: 'true', incident: 'i',
        })
        assert.equal(courseListUrl('0123456789abcdef0123456789abcdef'), 'x_litmo_litmos_int_st_course_list.do?sysparm_query=incident%3D0123456789abcdef0123456789abcdef')
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
            sys_id: id, number: 'INC0010001', caller_sys_id: caller, opened_at: '2024-05-06T07:08:09Z', category: 'x'.repeat(80),
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

    it('shows an assignment as a training row', () => {
        const row = trainingRow(
            { learner_id: 'L', course_id: 'C', course_name: 'Billing', assigned_at: '2024-01-02T03:04:05Z', assigned_by: 'a@b.c', status: 'completed', percentage_complete: 100, completed_at: '2024-01-03T00:00:00Z', score: 87.5, course_url: 'https://x/c' },
            'inc',
        )
        assert.deepEqual(row, {
            sys_id: createHash('md5').update('L:C:2024-01-02T03:04:05Z').digest('hex'), incident: 'inc', course: 'Billing', course_id: 'C', status: 'completed', percentage: '100', score: '87.5',
            assigned_at: '2024-01-02 03:04:05', assigned_by: 'a@b.c', completed_at: '2024-01-03 00:00:00', link: 'https://x/c',
        })
        assert.match(row.sys_id, /^[0-9a-f]{32}$/)
    })
})

describe('work notes', () => {
    it('notes an entry once and remembers entries whose incident is gone', () => {
        const inc = seed('incident', { number: 'INC0000001' })
        const entry = { id: 7, incident: { sys_id: inc, number: 'INC0000001' }, note: 'Litmos training assigned: Billing' }
        assert.equal(noteEntry(entry), 'noted')
        assert.equal(noteEntry(entry), 'skipped')
        assert.deepEqual(rows('incident')[0].work_notes_journal.map((n) => n.value), ['Litmos training assigned: Billing'])
        assert.equal(noteEntry({ ...entry, id: 8, incident: { sys_id: 'f'.repeat(32), number: 'INC9' } }), 'incident_not_found')
        assert.deepEqual(rows('x_litmo_litmos_int_noted_update').map((r) => [r.update_id, r.outcome]), [['7', 'noted'], ['8', 'incident_not_found']])
    })
})

describe('LitmosTrainingAjax', () => {
    it('refuses a user without the role before doing anything', async () => {
        const { loadScriptInclude } = await import('../support/scope.mjs')
        const Ajax = loadScriptInclude('LitmosTrainingAjax', {})
        state.user = { sys_id: 'u', user_name: 'itil.only', email: 'i@o.x', roles: ['itil'] }
        const answer = JSON.parse(new Ajax({ sysparm_incident: 'x', sysparm_courses: 'C1' }).assignCourses())
        assert.deepEqual(answer, { ok: false, status: 403, error: 'You need the Litmos Training User role to assign courses.' })
        assert.equal(state.requests.length, 0)
    })
})
