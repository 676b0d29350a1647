// Automatic training by category (the backend's rules) through the app, on a tenant of
// this suite's own: an incident and a case (its consumer's user learns) whose learner
// does not exist yet are sent by the app's business rule with their caller, the rule
// assigns its courses in that request, and the app's feed job writes the rule's one
// work note per record and a training row per course (assigned by rule:<id>); a second
// run and a re-sent record add nothing.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { GlideRecord, rows, runAsyncRules, seed, state } from '../support/glide.mjs'
import { syncTrainingUpdates } from '../../src/server/work-notes.js'
import { backend, double, env, freshInstance, glideNow, insertRecord, newUser, notesOf, ownTenant, syncCourses, warmUp } from './env.mjs'

const TRAINING = 'x_litmo_litmos_int_training'

function asJob(fn) {
    const interactive = state.interactive
    state.interactive = false
    try {
        return fn()
    } finally {
        state.interactive = interactive
    }
}

describe('Rules: training assigned automatically by category', () => {
    /** @type {Awaited<ReturnType<typeof ownTenant>>} */
    let tenant
    before(async () => {
        await warmUp()
        tenant = await ownTenant('sn-rules')
    })
    after(() => tenant && tenant.remove())

    it("fires for a new incident and a consumer's case: one work note each, a training row per course, nothing more on a re-run", async () => {
        freshInstance({ key: tenant.key })
        const byName = syncCourses()
        const [a, b, c, d] = ['Billing: Essentials', 'Password Reset: Essentials', 'Mobile App: Essentials', 'Reporting: Essentials'].map((n) => byName[n])
        for (const course of [a, b, c, d]) assert.ok(course, 'the course is in the catalog')
        const putRule = (id, body) => backend('PUT', `/v1/admin/tenants/${tenant.id}/rules/${id}`, { token: env.adminToken, body })
        const vpn = await putRule('vpn', { name: 'VPN basics', when: { table: 'incident', category: 'Network' }, course_ids: [a.id, b.id], active: true })
        assert.equal(vpn.status, 201, JSON.stringify(vpn.body))
        const billing = await putRule('billing', { name: 'Billing help', when: { table: 'case', category: 'billing' }, course_ids: [c.id, d.id], active: true })
        assert.equal(billing.status, 201, JSON.stringify(billing.body))
        await double('DELETE', '/_double/requests')

        // An incident whose Caller has no learner yet, saved as an agent saves it.
        const caller = newUser('Val', 'Pen')
        assert.equal((await backend('GET', `/v1/servicenow/learners/${caller.sysId}`, { token: tenant.key })).status, 404, 'no learner yet')
        const number = `INC${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
        const incident = insertRecord('incident', { number, caller_id: caller.sysId, category: ' network', opened_at: glideNow(), short_description: 'VPN drops' })
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        const sentIncident = JSON.parse(state.requests.filter((r) => r.url.endsWith('/v1/servicenow/incidents')).at(-1).body)
        assert.deepEqual(sentIncident.caller, {
            sys_id: caller.sysId,
            user_name: caller.email.split('@')[0],
            email: caller.email,
            first_name: 'Val',
            last_name: caller.name.slice('Val '.length),
        })

        // A case of a consumer (no contact), whose user has no learner yet.
        const consumerUser = newUser('Connie', 'Consumer')
        const consumer = seed('csm_consumer', { user: consumerUser.sysId })
        const caseNumber = `CS${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
        const kase = insertRecord('sn_customerservice_case', { number: caseNumber, consumer, category: 'Billing', opened_at: glideNow() })
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        const sentCase = JSON.parse(state.requests.filter((r) => r.url.endsWith('/v1/servicenow/incidents')).at(-1).body)
        assert.equal(sentCase.table, 'sn_customerservice_case')
        assert.equal(sentCase.caller.sys_id, consumerUser.sysId)

        // The backend assigned each rule's courses in that request, as rule:<id>.
        const learner = await backend('GET', `/v1/servicenow/learners/${caller.sysId}`, { token: tenant.key })
        assert.equal(learner.status, 200, 'the rule created the learner')
        assert.equal(learner.body.learner.email, caller.email)
        const incidentTraining = await backend('GET', `/v1/servicenow/incidents/${incident}/training`, { token: tenant.key })
        assert.deepEqual(incidentTraining.body.assignments.map((t) => [t.course_id, t.assigned_by]).sort(), [[a.id, 'rule:vpn'], [b.id, 'rule:vpn']].sort())
        const caseTraining = await backend('GET', `/v1/servicenow/incidents/${kase}/training`, { token: tenant.key })
        assert.deepEqual(caseTraining.body.assignments.map((t) => [t.course_id, t.assigned_by]).sort(), [[c.id, 'rule:billing'], [d.id, 'rule:billing']].sort())

        // The feed job: one note per firing, a training row per course.
        const first = asJob(syncTrainingUpdates)
        assert.equal(first.error, undefined)
        assert.deepEqual([first.noted, first.trainingOnly, first.missing], [2, 2, 0], JSON.stringify(first))
        assert.deepEqual(notesOf('incident', incident), [`Litmos Training assigned automatically by rule 'VPN basics': ${a.name}, ${b.name}`])
        assert.deepEqual(notesOf('sn_customerservice_case', kase), [`Litmos Training assigned automatically by rule 'Billing help': ${c.name}, ${d.name}`])
        const local = (record) =>
            rows(TRAINING)
                .filter((r) => r.record === record)
                .map((r) => [r.record_table, r.course_id, r.course, r.status, r.assigned_by])
                .sort()
        const incidentRows = [
            ['incident', a.id, a.name, 'not_started', 'rule:vpn'],
            ['incident', b.id, b.name, 'not_started', 'rule:vpn'],
        ].sort()
        const caseRows = [
            ['sn_customerservice_case', c.id, c.name, 'not_started', 'rule:billing'],
            ['sn_customerservice_case', d.id, d.name, 'not_started', 'rule:billing'],
        ].sort()
        assert.deepEqual(local(incident), incidentRows)
        assert.deepEqual(local(kase), caseRows)

        // A re-run notes nothing; the incident sent again (its category away and back) fires nothing.
        const again = asJob(syncTrainingUpdates)
        assert.deepEqual([again.noted, again.trainingOnly, again.error], [0, 0, undefined])
        const gr = new GlideRecord('incident')
        assert.ok(gr.get(incident))
        gr.setValue('category', 'hardware')
        gr.update()
        gr.setValue('category', 'Network')
        gr.update()
        assert.deepEqual(runAsyncRules(), [{ sent: true, status: 200 }, { sent: true, status: 200 }])
        const third = asJob(syncTrainingUpdates)
        assert.deepEqual([third.noted, third.trainingOnly, third.error], [0, 0, undefined])
        assert.equal(notesOf('incident', incident).length, 1)
        assert.equal(notesOf('sn_customerservice_case', kase).length, 1)
        assert.deepEqual(local(incident), incidentRows)
        assert.deepEqual(local(kase), caseRows)
        const assignCalls = (await double('GET', '/_double/requests')).filter((r) => r === `POST /v1.svc/users/${learner.body.learner.id}/courses`)
        assert.equal(assignCalls.length, 1, 'Litmos was asked to assign the rule once')
    })
})
