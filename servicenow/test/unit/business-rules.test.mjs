// The incident business rule as the platform runs it: the Fluent definition's `when`
// (async: after the transaction), `action` and condition string decide, not the test.
// Sends happen only while the integration is active; a send that fails for a passing
// reason waits in the outbox and the retry job sends it later.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { GlideRecord, reset, rows, runAsyncRules, seed, state } from '../support/glide.mjs'
import { configure } from '../support/config.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { MAX_ATTEMPTS, retrySends } from '../../src/server/outbox.js'

const OUTBOX = 'x_litmo_litmos_int_outbox'

describe('Litmos Training: send incident (business rule from Fluent)', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => {
        reset()
        configure({ backend_url: backend.url })
    })

    const sent = () => state.requests.filter((r) => r.url.endsWith('/v1/servicenow/incidents'))
    const config = () => rows('x_litmo_litmos_int_configuration')[0]
    function insertIncident(values) {
        const gr = new GlideRecord('incident')
        gr.initialize()
        for (const [k, v] of Object.entries(values)) gr.setValue(k, v)
        assert.ok(gr.insert())
        return gr
    }
    const caller = (name = 'c') => seed('sys_user', { user_name: name, email: `${name}@customer.example` })

    it('runs after the transaction, on insert, and again only when the category changes', () => {
        const gr = insertIncident({ number: 'INC0000100', caller_id: caller(), category: 'network', opened_at: '2024-05-06 07:08:09' })
        assert.equal(sent().length, 0, 'async: nothing sent inside the transaction')
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        assert.equal(JSON.parse(sent()[0].body).category, 'network')
        assert.equal(JSON.parse(sent()[0].body).table, 'incident')

        gr.setValue('short_description', 'still broken')
        gr.update()
        assert.deepEqual(runAsyncRules(), [], 'the condition is false: no category change')

        gr.setValue('category', 'software')
        gr.update()
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        assert.equal(sent().length, 2)
    })

    it('an incident whose Caller is set after insert is sent then', () => {
        const gr = insertIncident({ number: 'INC0000101', category: 'network' })
        assert.deepEqual(runAsyncRules(), [{ sent: false, message: 'no caller' }])
        gr.setValue('caller_id', caller('late'))
        gr.update()
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        assert.equal(sent().length, 1)
        assert.equal(JSON.parse(sent()[0].body).number, 'INC0000101')
    })

    it('sends nothing while the integration is inactive or not activated', () => {
        config().active = 'false'
        insertIncident({ number: 'INC0000102', caller_id: caller() })
        assert.deepEqual(runAsyncRules(), [{ sent: false, message: 'not active' }])
        config().active = 'true'
        config().status = 'not_activated'
        insertIncident({ number: 'INC0000103', caller_id: caller('d') })
        assert.deepEqual(runAsyncRules(), [{ sent: false, message: 'not active' }])
        assert.equal(state.requests.length, 0)
        assert.equal(rows(OUTBOX).length, 0)
    })

    it('a send that fails while the backend is down waits in the outbox and is sent by the retry job', () => {
        config().backend_url = 'http://127.0.0.1:9'
        const gr = insertIncident({ number: 'INC0000104', caller_id: caller() })
        const [result] = runAsyncRules()
        assert.equal(result.queued, true)
        const [row] = rows(OUTBOX)
        assert.deepEqual([row.record, row.state, row.attempts, row.number], [gr.getUniqueValue(), 'pending', '1', 'INC0000104'])
        assert.ok(row.next_attempt_at > new Date().toISOString().slice(0, 19).replace('T', ' '), 'not before its pause')

        assert.deepEqual(retrySends(), { sent: 0, retried: 0, failed: 0 }, 'not due yet')
        row.next_attempt_at = '2000-01-01 00:00:00'
        config().backend_url = backend.url
        assert.deepEqual(retrySends(), { sent: 1, retried: 0, failed: 0 })
        assert.equal(rows(OUTBOX).length, 0)
        assert.equal(JSON.parse(sent().at(-1).body).sys_id, gr.getUniqueValue())
    })

    it('the retry job backs off, and gives up after the last attempt', () => {
        config().backend_url = 'http://127.0.0.1:9'
        insertIncident({ number: 'INC0000105', caller_id: caller() })
        runAsyncRules()
        const row = rows(OUTBOX)[0]
        const pauses = []
        for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
            row.next_attempt_at = '2000-01-01 00:00:00'
            const r = retrySends()
            if (attempt < MAX_ATTEMPTS) {
                assert.deepEqual(r, { sent: 0, retried: 1, failed: 0 })
                pauses.push(Math.round((Date.parse(`${row.next_attempt_at.replace(' ', 'T')}Z`) - Date.now()) / 60000))
            } else {
                assert.deepEqual(r, { sent: 0, retried: 0, failed: 1 })
            }
        }
        assert.deepEqual(pauses.slice(0, 4), [10, 20, 40, 80], 'doubling pauses')
        assert.equal(Math.max(...pauses), 360, 'at most 6 hours')
        assert.equal(row.state, 'failed')
        assert.equal(row.attempts, String(MAX_ATTEMPTS))
        assert.equal(row.last_error, 'Litmos Training is not reachable, try again')
    })

    it('a refusal (4xx) is not retried', () => {
        const gr = insertIncident({ number: 'INC0000106', caller_id: caller() })
        runAsyncRules()
        // The backend refuses the send (a 4xx: here a 404 of an unknown path).
        config().backend_url = `${backend.url}/conflict`
        gr.setValue('caller_id', caller('other'))
        gr.update()
        const [result] = runAsyncRules()
        assert.equal(result.sent, false)
        assert.equal(result.queued, undefined)
        assert.equal(rows(OUTBOX).length, 0)
    })

    it('a case is sent like an incident, with its table; its learner is the contact, else the consumer\'s user', () => {
        const gr = new GlideRecord('sn_customerservice_case')
        gr.initialize()
        gr.setValue('number', 'CS0010001')
        gr.setValue('category', 'billing')
        gr.insert()
        assert.deepEqual(runAsyncRules(), [{ sent: false, message: 'no caller' }])
        const consumerUser = caller('consumer')
        gr.setValue('consumer', seed('csm_consumer', { user: consumerUser }))
        gr.update()
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        const body = JSON.parse(sent().at(-1).body)
        assert.deepEqual([body.sys_id, body.number, body.table, body.caller_sys_id, body.category], [gr.getUniqueValue(), 'CS0010001', 'sn_customerservice_case', consumerUser, 'billing'])
        assert.deepEqual(body.caller, { sys_id: consumerUser, user_name: 'consumer', email: 'consumer@customer.example' }, "the consumer's user")
        const contact = caller('contact')
        gr.setValue('contact', contact)
        gr.update()
        runAsyncRules()
        assert.equal(JSON.parse(sent().at(-1).body).caller_sys_id, contact)
        assert.deepEqual(JSON.parse(sent().at(-1).body).caller, { sys_id: contact, user_name: 'contact', email: 'contact@customer.example' })
    })

    it('sends the caller as the learners route takes it (for the backend\'s rules), never one it would refuse', () => {
        const full = seed('sys_user', { user_name: 'ann', email: 'ann@customer.example', first_name: 'Ann', last_name: 'Lee', phone: '555' })
        insertIncident({ number: 'INC0000110', caller_id: full, category: 'vpn' })
        runAsyncRules()
        const body = JSON.parse(sent().at(-1).body)
        assert.deepEqual(body.caller, { sys_id: full, user_name: 'ann', email: 'ann@customer.example', first_name: 'Ann', last_name: 'Lee' })
        assert.equal(body.caller.sys_id, body.caller_sys_id)
        const nameless = seed('sys_user', { first_name: 'No', last_name: 'Login' })
        insertIncident({ number: 'INC0000111', caller_id: nameless, category: 'vpn' })
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        const bare = JSON.parse(sent().at(-1).body)
        assert.equal(bare.caller_sys_id, nameless)
        assert.equal('caller' in bare, false, 'no caller object the backend would refuse (400)')
    })
})
