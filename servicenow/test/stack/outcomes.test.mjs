// Training outcomes (SPEC 3.4) against the real backend: incidents are sent on insert
// and on a change of category; the scheduled job turns the training feed into work
// notes, once each, and keeps its cursor.
import assert from 'node:assert/strict'
import { before, beforeEach, describe, it } from 'node:test'
import { GlideRecord, rows, seed, state } from '../support/glide.mjs'
import { openCourseWindow } from '../../src/server/course-list.js'
import { assignSelected } from '../../src/server/assign.js'
import { incidentPayload, onIncidentSaved } from '../../src/server/incidents.js'
import { syncTrainingUpdates } from '../../src/server/work-notes.js'
import { backend, double, env, freshInstance, newIncident, syncCourses, warmUp } from './env.mjs'

function incidentRecord(sysId) {
    const gr = new GlideRecord('incident')
    assert.ok(gr.get(sysId))
    return gr
}

const notesOf = (incident) => (rows('incident').find((r) => r.sys_id === incident).work_notes_journal || []).map((n) => n.value)
const config = () => rows('x_litmo_litmos_int_configuration')[0]

async function syncProgress() {
    const r = await backend('POST', `/v1/admin/tenants/${env.tenant}/sync`, { token: env.adminToken })
    assert.equal(r.status, 200, JSON.stringify(r.body))
}

describe('Training outcomes', () => {
    before(() => warmUp())
    beforeEach(() => freshInstance())

    it('sends a new incident, then a change of its category', () => {
        const { incident, caller, number } = newIncident({ category: 'inquiry' })
        const gr = incidentRecord(incident)
        const payload = incidentPayload(gr)
        assert.equal(payload.sys_id, incident)
        assert.equal(payload.number, number)
        assert.equal(payload.caller_sys_id, caller)
        assert.match(payload.opened_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
        assert.deepEqual(onIncidentSaved(gr), { sent: true, status: 201 })
        gr.setValue('category', 'software')
        gr.setWorkflow(false)
        gr.update()
        assert.deepEqual(onIncidentSaved(incidentRecord(incident)), { sent: true, status: 200 })
        assert.equal(JSON.parse(state.requests.at(-1).body).category, 'software')
    })

    it('does not send an incident without a Caller, and logs a conflict', () => {
        const { incident } = newIncident({ withCaller: false })
        assert.deepEqual(onIncidentSaved(incidentRecord(incident)), { sent: false, message: 'no caller' })
        assert.equal(state.requests.length, 0)
        const other = newIncident()
        assert.equal(onIncidentSaved(incidentRecord(other.incident)).status, 201)
        const gr = incidentRecord(other.incident)
        gr.setValue('caller_id', newIncident().caller)
        gr.setWorkflow(false)
        gr.update()
        const conflict = onIncidentSaved(incidentRecord(other.incident))
        assert.equal(conflict.sent, false)
        assert.equal(conflict.status, 409)
        assert.ok(state.logs.some((l) => l.level === 'warn' && l.message.includes(other.number)))
    })

    it('notes each training change on its incident once, and keeps the cursor', async () => {
        const { incident, caller } = newIncident()
        assert.equal(onIncidentSaved(incidentRecord(incident)).status, 201)
        const courses = await backend('GET', '/v1/servicenow/courses?search=dashboards&limit=1', { headers: { 'x-agent': 'admin@pieshop.net' } })
        const course = courses.body.items[0]
        const row = syncCourses()[course.name].row
        const assigned = assignSelected({ recordSysId: incident, checked: row, requestKey: 'notes' })
        assert.equal(assigned.ok, true, assigned.error)

        const first = syncTrainingUpdates()
        assert.equal(first.error, undefined)
        assert.deepEqual(notesOf(incident), [`Litmos training assigned: ${course.name}`])
        const cursor = config().updates_cursor
        assert.ok(cursor, 'the cursor was saved')
        assert.ok(config().updates_checked_at)

        const again = syncTrainingUpdates()
        assert.equal(again.noted, 0)
        assert.deepEqual(notesOf(incident), [`Litmos training assigned: ${course.name}`], 'nothing twice')

        const learner = await backend('GET', `/v1/servicenow/learners/${caller}`)
        await double('POST', '/_double/progress', { user_id: learner.body.learner.id, course_id: course.id, percentage: 40 })
        await syncProgress()
        syncTrainingUpdates()
        await double('POST', '/_double/progress', { user_id: learner.body.learner.id, course_id: course.id, percentage: 100 })
        await syncProgress()
        syncTrainingUpdates()
        const notes = notesOf(incident)
        assert.equal(notes.length, 3, notes.join(' | '))
        assert.equal(notes[1], `Litmos training started: ${course.name}`)
        assert.match(notes[2], new RegExp(`^Litmos training completed: ${course.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(score [0-9.]+\\))?$`))
        assert.notEqual(config().updates_cursor, cursor)
        // The record's training row followed the feed.
        const training = rows('x_litmo_litmos_int_training').filter((r) => r.record === incident)
        assert.deepEqual(training.map((r) => [r.course, r.status, r.percentage]), [[course.name, 'completed', '100']])
        assert.match(training[0].completed_at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    })

    it('a lost cursor re-reads the feed without noting anything twice', () => {
        const { incident } = newIncident()
        const seen = syncTrainingUpdates()
        assert.equal(seen.error, undefined)
        const noted = rows('x_litmo_litmos_int_noted_update').length
        const gr = new GlideRecord('x_litmo_litmos_int_configuration')
        gr.query()
        gr.next()
        gr.setValue('updates_cursor', '')
        gr.setWorkflow(false)
        gr.update()
        const replay = syncTrainingUpdates()
        assert.equal(replay.noted, 0)
        assert.equal(replay.skipped, noted)
        assert.equal(rows('x_litmo_litmos_int_noted_update').length, noted)
        assert.deepEqual(notesOf(incident), [])
    })

    it('starts over when the backend refuses the saved cursor', () => {
        const gr = new GlideRecord('x_litmo_litmos_int_configuration')
        gr.query()
        gr.next()
        gr.setValue('updates_cursor', 'not-a-cursor')
        gr.setWorkflow(false)
        gr.update()
        const refused = syncTrainingUpdates()
        assert.ok(refused.error)
        assert.equal(config().updates_cursor, '')
        assert.equal(syncTrainingUpdates().error, undefined)
    })

    it('a CSM case: sent with its table, assigned from for its contact, its training and the feed note on the case', async () => {
        const tag = Math.random().toString(36).slice(2, 10)
        const contact = seed('sys_user', { user_name: `contact.${tag}`, email: `contact.${tag}@customer.example`, first_name: 'Cora', last_name: `Contact ${tag}` })
        const number = `CS${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
        const kase = seed('sn_customerservice_case', {
            number,
            contact,
            category: 'billing',
            opened_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
        })
        const record = new GlideRecord('sn_customerservice_case')
        assert.ok(record.get(kase))
        assert.deepEqual(onIncidentSaved(record), { sent: true, status: 201 })
        assert.equal(JSON.parse(state.requests.at(-1).body).table, 'sn_customerservice_case')

        const opened = openCourseWindow('sn_customerservice_case', kase)
        assert.equal(opened.ok, true, opened.error)
        const course = syncCourses()['Billing: Essentials']
        const assigned = assignSelected({ recordSysId: kase, table: 'sn_customerservice_case', checked: course.row, requestKey: `case-${tag}` })
        assert.deepEqual(assigned.messages, [`You have successfully assigned these courses: ${course.name}`])
        const post = state.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/v1/servicenow/assignments')).at(-1)
        assert.deepEqual(JSON.parse(post.body).incident, { sys_id: kase, number, table: 'sn_customerservice_case' })
        const training = await backend('GET', `/v1/servicenow/incidents/${kase}/training`)
        assert.equal(training.status, 200)
        assert.equal(training.body.incident.table, 'sn_customerservice_case')
        assert.deepEqual(training.body.assignments.map((a) => a.course_id), [course.id])

        syncTrainingUpdates()
        const notes = (rows('sn_customerservice_case').find((r) => r.sys_id === kase).work_notes_journal || []).map((n) => n.value)
        assert.deepEqual(notes, [`Litmos training assigned: ${course.name}`])
        const local = rows('x_litmo_litmos_int_training').filter((r) => r.record === kase)
        assert.deepEqual(local.map((r) => [r.record_table, r.course, r.status]), [['sn_customerservice_case', course.name, 'not_started']])
    })
})
