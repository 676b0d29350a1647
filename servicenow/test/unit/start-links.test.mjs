// Issue 20: start links. After an assignment, when the record's training carries
// start_urls for the courses just assigned, the registered event fires for the record
// with the caller as parm1 and the course ids as parm2; the notification's mail script
// builds one Start button per course; the agent's work note says links were e-mailed
// and never holds one; nothing fires when the training has no start_url, for courses
// already assigned, or for a replayed answer (a double click).
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { actAs, GlideRecord, reset, rows, seed, state } from '../support/glide.mjs'
import { callAjax } from '../support/scope.mjs'
import { configure } from '../support/config.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { COURSES } from '../support/fake-data.mjs'
import { seedCourses } from '../support/courses.mjs'
import { declared } from '../support/app.mjs'
import { startButtonsHtml, START_LINKS_EVENT } from '../../src/server/start-links.js'

const AGENT_ROLE = 'x_litmo_litmos_int.litmos_training_user'
const AJAX = 'x_litmo_litmos_int.LitmosTrainingAjax'
const LINK = /https?:\/\/[^\s"]*\/v1\/start\/|tok-/

describe('start links for the caller', () => {
    let backend
    let courseRows
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    const links = (enabled) => fetch(`${backend.url}/_fake/start_links`, { method: 'POST', body: JSON.stringify({ enabled }) })

    beforeEach(async () => {
        reset()
        configure({ backend_url: backend.url })
        courseRows = seedCourses(COURSES)
        actAs({ user_name: 'agent', email: 'admin@pieshop.net', roles: ['itil', AGENT_ROLE] })
        await links(true)
    })

    const newCaller = () => seed('sys_user', { user_name: `ann${Math.random()}`, email: `ann${Math.random()}@customer.example`, first_name: 'Ann', last_name: 'Lee' })
    const assign = (record, courses, table = 'incident', key = `k${Math.random()}`) =>
        JSON.parse(callAjax(AJAX, { sysparm_name: 'assignCourses', sysparm_record: record, sysparm_table: table, sysparm_courses: courses.map((c) => courseRows[c]).join(','), sysparm_request_key: key }))
    const notes = (table, id) => (rows(table).find((r) => r.sys_id === id).work_notes_journal || []).map((n) => n.value)
    const everythingWritten = () => JSON.stringify([state.logs, state.messages, state.events, rows('incident'), rows('sn_customerservice_case'), rows('x_litmo_litmos_int_training')])

    it('fires the event for the caller with the course ids; the work note says so, never the link', () => {
        const caller = newCaller()
        const id = seed('incident', { number: 'INC0000400', caller_id: caller })
        const answer = assign(id, ['C1', 'C2'])
        assert.equal(answer.ok, true, answer.error)
        assert.deepEqual(state.events, [{ name: START_LINKS_EVENT, table: 'incident', sys_id: id, parm1: caller, parm2: 'C1,C2' }])
        const note = `Litmos Training: start links e-mailed to Ann Lee for: ${COURSES[0].name}, Password reset`
        assert.deepEqual(notes('incident', id), [note])
        assert.deepEqual(answer.messages, [
            `You have successfully assigned these courses: ${COURSES[0].name}, Password reset`,
            `Start links e-mailed to Ann Lee for: ${COURSES[0].name}, Password reset`,
        ])
        assert.doesNotMatch(everythingWritten(), LINK, 'no link in logs, messages, events, notes or rows')
        assert.doesNotMatch(JSON.stringify(answer), LINK, 'nor in the browser')
    })

    it("on a case, the contact is the recipient and the case's work notes say so", () => {
        const contact = newCaller()
        const kase = seed('sn_customerservice_case', { number: 'CS0010400', contact })
        assign(kase, ['C3'], 'sn_customerservice_case')
        assert.deepEqual(state.events.map((e) => [e.table, e.sys_id, e.parm1, e.parm2]), [['sn_customerservice_case', kase, contact, 'C3']])
        assert.deepEqual(notes('sn_customerservice_case', kase), ["Litmos Training: start links e-mailed to Ann Lee for: Security 'first'"])
    })

    it('nothing fires when the training has no start_url (links off)', async () => {
        await links(false)
        const id = seed('incident', { number: 'INC0000401', caller_id: newCaller() })
        const answer = assign(id, ['C1'])
        assert.equal(answer.ok, true)
        assert.deepEqual(state.events, [])
        assert.deepEqual(notes('incident', id), [])
        assert.deepEqual(answer.messages, [`You have successfully assigned these courses: ${COURSES[0].name}`])
    })

    it('nothing fires for courses already assigned, nor for a replayed double click', () => {
        const id = seed('incident', { number: 'INC0000402', caller_id: newCaller() })
        assign(id, ['C2'], 'incident', 'same')
        assert.equal(state.events.length, 1)
        assign(id, ['C2'], 'incident', 'same')
        assign(id, ['C2'])
        assert.equal(state.events.length, 1, 'one e-mail for one assignment')
        assert.equal(notes('incident', id).length, 1)
    })

    it("the notification's mail script: one Start button per course of the event, names escaped, from a fresh read", () => {
        const id = seed('incident', { number: 'INC0000403', caller_id: newCaller() })
        assign(id, ['C1', 'C2'])
        const record = new GlideRecord('incident')
        record.get(id)
        const html = startButtonsHtml(record, 'C1')
        assert.equal((html.match(/<a href="https:\/\/api\.pieshop\.example\/v1\/start\/tok-C1-/g) || []).length, 1)
        assert.doesNotMatch(html, /tok-C2/, 'only the courses of the event')
        assert.match(html, /Billing &lt;Basics&gt; &amp; &quot;More&quot;/)
        assert.doesNotMatch(html, /<Basics>/)
        assert.notEqual(startButtonsHtml(record, 'C1'), html, 'a fresh link at each read')
    })

    it('ships the registered event, the mail script and an editable notification per table', () => {
        const event = declared('Record').find((r) => r.table === 'sysevent_register')
        assert.equal(event.data.event_name, START_LINKS_EVENT)
        const script = declared('Record').find((r) => r.table === 'sys_script_email')
        assert.match(script.data.script, /startButtonsHtml\(current, event\.parm2\)/)
        const notifications = declared('EmailNotification')
        assert.deepEqual(notifications.map((n) => n.table).sort(), ['incident', 'sn_customerservice_case'])
        for (const n of notifications) {
            assert.equal(n.triggerConditions.eventName, START_LINKS_EVENT)
            assert.equal(n.triggerConditions.generationType, 'event')
            assert.equal(n.recipientDetails.eventParm1WithRecipient, true)
            assert.equal(n.emailContent.subject, 'Your support agent assigned you training')
            assert.ok(n.emailContent.messageHtml.includes(`\${mail_script:${script.data.name}}`))
        }
    })
})
