// The agent's click path against the real backend and the Litmos double: the Assign
// Courses button (learner), the course list (the local table synced from the catalog,
// filtered per agent by what the backend says they may assign),
// Assign Courses on selected rows (messages word for word, the permission text, a
// double click), the incident's training list, and the Ajax bridge.
import assert from 'node:assert/strict'
import { before, beforeEach, describe, it } from 'node:test'
import { rows, state } from '../support/glide.mjs'
import { callAjax } from '../support/scope.mjs'
import { listCourses } from '../support/courses.mjs'
import * as assignModule from '../../src/server/assign.js'
import { courseListUrl, openCourseWindow, prepareCourseList } from '../../src/server/course-list.js'
import { AGENTS, PERMISSION, actAs, backend, double, env, freshInstance, newIncident, syncCourses, warmUp } from './env.mjs'
import { GlideRecord } from '../support/glide.mjs'

const { assignSelected } = assignModule

function incidentRecord(sysId) {
    const gr = new GlideRecord('incident')
    assert.ok(gr.get(sysId))
    return gr
}

describe('Assign Courses click path', () => {
    /** @type {Record<string, { id: string, row: string, name: string, code: string }>} */
    let byName
    before(async () => {
        freshInstance()
        await warmUp()
    })
    beforeEach(() => {
        freshInstance()
        byName = syncCourses()
        state.requests = [] // each test counts its own calls
    })

    it('the button creates the Caller\'s learner once, then opens the course list', async () => {
        const { incident, caller, email } = newIncident()
        const opened = openCourseWindow('incident', incident)
        assert.deepEqual(opened, { ok: true, url: courseListUrl(incident, 'incident') })
        assert.equal(opened.url, `x_litmo_litmos_int_course_list.do?sysparm_x_litmo_record=${incident}&sysparm_x_litmo_table=incident&sysparm_stack=no`)
        const learner = await backend('GET', `/v1/servicenow/learners/${caller}`)
        assert.equal(learner.status, 200)
        assert.equal(learner.body.learner.email, email)
        const again = state.requests.length
        assert.ok('url' in prepareCourseList(incidentRecord(incident)))
        assert.equal(state.requests.length, again + 1, 'one call: the learner is reused')
    })

    it('the button explains an incident without a Caller', () => {
        const { incident } = newIncident({ withCaller: false })
        assert.deepEqual(openCourseWindow('incident', incident), { ok: false, error: 'This incident has no Caller: set the Caller first, then assign courses.' })
        assert.equal(state.requests.length, 0)
    })

    it('lists every active course to an administrator; a refresh, a filter and a sort ask the backend nothing', () => {
        const catalog = Object.values(byName).length
        assert.ok(catalog >= 60, `${catalog} courses synced`)
        const q = listCourses()
        assert.deepEqual(q.errors, [])
        assert.ok(q.rows.length >= 60, `${q.rows.length} rows`)
        assert.ok(q.rows.every((r) => r.active === 'true' && r.removed === 'false'))
        const asked = state.requests.filter((r) => r.url.includes('/v1/servicenow/courses/assignable'))
        assert.equal(asked.length, 1)
        assert.equal(asked[0].headers['X-Agent'], AGENTS.admin)
        const sent = state.requests.length
        const filtered = listCourses(`code=${byName['Billing: Essentials'].code}`)
        assert.deepEqual(filtered.rows.map((r) => r.name), ['Billing: Essentials'])
        listCourses()
        assert.equal(state.requests.length, sent)
    })

    it("a team leader sees only their teams' courses; a stranger gets the backend's reason", async () => {
        actAs(AGENTS.leader)
        const team = listCourses()
        assert.deepEqual(team.errors, [])
        assert.ok(team.rows.length > 0 && team.rows.length < 10, `${team.rows.length} rows`)
        const assignable = await backend('GET', '/v1/servicenow/courses/assignable', { headers: { 'x-agent': AGENTS.leader } })
        assert.equal(assignable.body.all, false)
        assert.deepEqual(team.rows.map((r) => r.course_id).sort(), [...assignable.body.course_ids].sort())
        actAs('stranger@nowhere.example')
        const none = listCourses()
        assert.deepEqual(none.rows, [])
        assert.deepEqual(none.errors, ['Litmos Training could not list the courses: The agent in X-Agent is not a user of this Litmos account.'])
    })

    it('assigns the selected courses and shows the backend\'s messages word for word', async () => {
        const { incident, number } = newIncident()
        const a = byName['Billing: Essentials']
        const b = byName['Password Reset: Essentials']
        const c = byName['Mobile App: Essentials']
        const first = assignSelected({ recordSysId: incident, checked: `${a.row},${b.row}`, requestKey: 'page1' })
        assert.deepEqual(first, {
            ok: true,
            messages: [`You have successfully assigned these courses: ${a.name}, ${b.name}`],
            assigned: [{ id: a.id, name: a.name }, { id: b.id, name: b.name }],
            alreadyAssigned: [],
            startLinks: false, // the stack's tenant has start links off
        })
        // The assignment (after it, the app reads the record's training for start links).
        const post = state.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/v1/servicenow/assignments')).at(-1)
        const sent = JSON.parse(post.body)
        assert.deepEqual(sent.incident, { sys_id: incident, number, table: 'incident' })
        assert.equal(sent.send_message, false)
        assert.match(post.headers['Idempotency-Key'], /^sn-page1-[0-9A-F]{64}$/)

        const second = assignSelected({ recordSysId: incident, checked: `${c.row},${a.row}`, requestKey: 'page2' })
        assert.deepEqual(second.messages, [`You have successfully assigned these courses: ${c.name}`, `${a.name} is already assigned`])

        // The record's training list: local rows, written as the assignment succeeded.
        const training = rows('x_litmo_litmos_int_training').filter((r) => r.record === incident)
        assert.deepEqual(training.map((r) => r.course).sort(), [a.name, b.name, c.name].sort())
        for (const row of training) {
            assert.equal(row.record_table, 'incident')
            assert.equal(row.status, 'not_started')
            assert.equal(row.assigned_by, AGENTS.admin)
            assert.match(row.assigned_at, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
            assert.equal(row.completed_at, '')
        }
        const direct = await backend('GET', `/v1/servicenow/incidents/${incident}/training`)
        assert.equal(direct.body.assignments.length, 3)
    })

    it('shows the permission text to an agent who is not a Litmos administrator', () => {
        const { incident } = newIncident()
        actAs(AGENTS.leader)
        const course = listCourses().rows[0]
        const result = assignSelected({ recordSysId: incident, checked: course.sys_id, requestKey: 'leader' })
        assert.deepEqual(result, { ok: false, status: 403, error: PERMISSION })
    })

    it('a double click assigns once: the second click replays the first answer', async () => {
        const { incident, caller } = newIncident()
        const course = byName['Reporting: Essentials']
        await double('DELETE', '/_double/requests')
        const input = { recordSysId: incident, checked: course.row, requestKey: 'dbl' }
        const first = assignSelected(input)
        const second = assignSelected(input)
        assert.deepEqual(first.messages, [`You have successfully assigned these courses: ${course.name}`])
        assert.deepEqual(second, first, 'the same answer, not "is already assigned"')
        const learner = await backend('GET', `/v1/servicenow/learners/${caller}`)
        const posts = (await double('GET', '/_double/requests')).filter((r) => r === `POST /v1.svc/users/${learner.body.learner.id}/courses`)
        assert.equal(posts.length, 1, 'Litmos was asked to assign once')
    })

    it('explains bad selections without calling the backend', () => {
        const { incident } = newIncident()
        assert.deepEqual(assignSelected({ recordSysId: incident, checked: '', requestKey: 'x' }), { ok: false, error: 'Select one or more courses first.' })
        assert.equal(assignSelected({ recordSysId: 'nope', checked: 'C1', requestKey: 'x' }).ok, false)
        assert.equal(state.requests.length, 0)
    })

    it('says "not reachable" when the backend answers too late', async () => {
        const { incident } = newIncident()
        state.properties['x_litmo_litmos_int.http_timeout_ms'] = '1000'
        await double('POST', '/_double/faults', { method: 'GET', path_contains: '/users', delay_ms: 3000, count: 1 })
        const result = prepareCourseList(incidentRecord(incident))
        assert.deepEqual(result, { error: 'Litmos Training is not reachable, try again' })
        await new Promise((r) => setTimeout(r, 2500)) // let the backend finish before the next test
    })

    it('the Ajax bridge answers JSON and requires the role', () => {
        const { incident } = newIncident()
        const course = byName['Security Basics: Essentials']
        const call = (params) => callAjax('x_litmo_litmos_int.LitmosTrainingAjax', { sysparm_name: 'assignCourses', ...params })
        const ok = JSON.parse(call({ sysparm_record: incident, sysparm_table: 'incident', sysparm_courses: course.row, sysparm_request_key: 'ajax' }))
        assert.deepEqual(ok.messages, [`You have successfully assigned these courses: ${course.name}`])
        actAs(AGENTS.admin, ['itil'])
        assert.equal(call({ sysparm_record: incident, sysparm_courses: course.row }), null, 'the ACL refuses the call: no answer')
        assert.equal(rows('x_litmo_litmos_int_noted_update').length, 0)
    })
})
