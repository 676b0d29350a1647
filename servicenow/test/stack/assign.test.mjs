// The agent's click path against the real backend and the Litmos double: the Assign
// Courses button (learner), the course list (remote table: search, filters, sort),
// Assign Courses on selected rows (messages word for word, the permission text, a
// double click), the incident's training list, and the Ajax bridge.
import assert from 'node:assert/strict'
import { before, beforeEach, describe, it } from 'node:test'
import { rows, state } from '../support/glide.mjs'
import { callAjax } from '../support/scope.mjs'
import { remoteQuery } from '../support/vtable.mjs'
import * as assignModule from '../../src/server/assign.js'
import { assignCoursesButton, courseListUrl, prepareCourseList, queryCourses } from '../../src/server/course-list.js'
import { queryIncidentTraining } from '../../src/server/incidents.js'
import { AGENTS, PERMISSION, actAs, backend, double, env, fakeAction, freshInstance, newIncident } from './env.mjs'
import { GlideRecord } from '../support/glide.mjs'

const { assignSelected } = assignModule

function incidentRecord(sysId) {
    const gr = new GlideRecord('incident')
    assert.ok(gr.get(sysId))
    return gr
}

function listCourses(query) {
    const q = remoteQuery(query)
    queryCourses(q.v_table, q.v_query)
    return q
}

describe('Assign Courses click path', () => {
    /** @type {Record<string, { id: string, name: string, code: string }>} */
    let byName
    before(async () => {
        freshInstance()
        const all = listCourses('')
        assert.deepEqual(all.errors, [])
        byName = Object.fromEntries(all.rows.map((r) => [r.name, { id: r.course_id, name: r.name, code: r.code }]))
    })
    beforeEach(() => freshInstance())

    it('the button creates the Caller\'s learner once, then opens the course list', async () => {
        const { incident, caller, email } = newIncident()
        const action = fakeAction()
        assignCoursesButton(incidentRecord(incident), action)
        assert.equal(action.redirect, courseListUrl(incident))
        assert.equal(action.redirect, `x_litmo_litmos_int_st_course_list.do?sysparm_query=incident%3D${incident}`)
        const learner = await backend('GET', `/v1/servicenow/learners/${caller}`)
        assert.equal(learner.status, 200)
        assert.equal(learner.body.learner.email, email)
        const again = state.requests.length
        assert.ok('url' in prepareCourseList(incidentRecord(incident)))
        assert.equal(state.requests.length, again + 1, 'one call: the learner is reused')
    })

    it('the button explains an incident without a Caller', () => {
        const { incident } = newIncident({ withCaller: false })
        const action = fakeAction()
        assignCoursesButton(incidentRecord(incident), action)
        assert.equal(action.redirect, `record:${incident}`)
        assert.deepEqual(state.messages, [{ level: 'error', message: 'This incident has no Caller: set the Caller first, then assign courses.' }])
        assert.equal(state.requests.length, 0)
    })

    it('lists the courses an administrator may assign, with the incident on every row', () => {
        const { incident } = newIncident()
        const q = listCourses(`incident=${incident}`)
        assert.deepEqual(q.errors, [])
        assert.ok(q.rows.length >= 60, `${q.rows.length} rows`)
        assert.ok(q.rows.every((r) => r.incident === incident && r.sys_id === r.course_id && r.active === 'true'))
        assert.equal(state.requests.at(-1).headers['X-Agent'], AGENTS.admin)
    })

    it('searches, filters per column and sorts on the backend', () => {
        const { incident } = newIncident()
        const search = listCourses(`incident=${incident}^123TEXTQUERY321=billing`)
        assert.ok(search.rows.length > 0)
        assert.ok(search.rows.every((r) => /billing/i.test(`${r.name} ${r.code} ${r.description}`)))
        assert.match(state.requests.at(-1).url, /[?&]search=billing(&|$)/)

        const filtered = listCourses(`incident=${incident}^nameLIKEpassword^codeSTARTSWITHSUP00^ORDERBYDESCname`)
        assert.ok(filtered.rows.length > 0)
        assert.ok(filtered.rows.every((r) => /password/i.test(r.name) && r.code.startsWith('SUP00')))
        const names = filtered.rows.map((r) => r.name)
        assert.deepEqual(names, [...names].sort((a, b) => b.localeCompare(a, 'en', { sensitivity: 'base' })))
        const url = new URL(state.requests.at(-1).url)
        assert.equal(url.searchParams.get('name'), 'password')
        assert.equal(url.searchParams.get('code'), 'SUP00')
        assert.equal(url.searchParams.get('sort'), '-name')
    })

    it('a team leader sees only their teams\' courses; a stranger gets the backend\'s reason', () => {
        actAs(AGENTS.leader)
        const team = listCourses('')
        assert.deepEqual(team.errors, [])
        assert.ok(team.rows.length > 0 && team.rows.length < 10, `${team.rows.length} rows`)
        actAs('stranger@nowhere.example')
        const none = listCourses('')
        assert.deepEqual(none.rows, [])
        assert.deepEqual(none.errors, ['The agent in X-Agent is not a user of this Litmos account.'])
    })

    it('assigns the selected courses and shows the backend\'s messages word for word', async () => {
        const { incident, number } = newIncident()
        const a = byName['Billing: Essentials']
        const b = byName['Password Reset: Essentials']
        const c = byName['Mobile App: Essentials']
        const first = assignSelected({ incidentSysId: incident, checked: `${a.id},${b.id}`, requestKey: 'page1' })
        assert.deepEqual(first, {
            ok: true,
            messages: [`You have successfully assigned these courses: ${a.name}, ${b.name}`],
            assigned: [{ id: a.id, name: a.name }, { id: b.id, name: b.name }],
            alreadyAssigned: [],
        })
        const sent = JSON.parse(state.requests.at(-1).body)
        assert.deepEqual(sent.incident, { sys_id: incident, number })
        assert.equal(sent.send_message, false)
        assert.match(state.requests.at(-1).headers['Idempotency-Key'], /^sn-page1-[0-9A-F]{64}$/)

        const second = assignSelected({ incidentSysId: incident, checked: `${c.id},${a.id}`, requestKey: 'page2' })
        assert.deepEqual(second.messages, [`You have successfully assigned these courses: ${c.name}`, `${a.name} is already assigned`])

        const training = remoteQuery(`incident=${incident}`)
        queryIncidentTraining(training.v_table, training.v_query)
        assert.deepEqual(training.errors, [])
        assert.deepEqual(training.rows.map((r) => r.course).sort(), [a.name, b.name, c.name].sort())
        for (const row of training.rows) {
            assert.equal(row.incident, incident)
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
        const course = listCourses('').rows[0]
        const result = assignSelected({ incidentSysId: incident, checked: course.course_id, requestKey: 'leader' })
        assert.deepEqual(result, { ok: false, status: 403, error: PERMISSION })
    })

    it('a double click assigns once: the second click replays the first answer', async () => {
        const { incident, caller } = newIncident()
        const course = byName['Reporting: Essentials']
        await double('DELETE', '/_double/requests')
        const input = { incidentSysId: incident, checked: course.id, requestKey: 'dbl' }
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
        assert.deepEqual(assignSelected({ incidentSysId: incident, checked: '', requestKey: 'x' }), { ok: false, error: 'Select one or more courses first.' })
        assert.equal(assignSelected({ incidentSysId: 'nope', checked: 'C1', requestKey: 'x' }).ok, false)
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
        const ok = JSON.parse(call({ sysparm_incident: incident, sysparm_courses: course.id, sysparm_request_key: 'ajax' }))
        assert.deepEqual(ok.messages, [`You have successfully assigned these courses: ${course.name}`])
        actAs(AGENTS.admin, ['itil'])
        assert.equal(call({ sysparm_incident: incident, sysparm_courses: course.id }), null, 'the ACL refuses the call: no answer')
        assert.equal(rows('x_litmo_litmos_int_noted_update').length, 0)
    })
})
