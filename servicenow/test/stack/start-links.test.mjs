// Start links for the caller against the real backend, on a tenant of this suite's own:
// with links on (the tenant's setting), an assignment from the course window fires the
// app's registered event once (parm1 the caller, parm2 the course ids), the training
// the backend answers carries a start URL that opens (303 to a fresh Litmos sign-in,
// not followed here), and no link reaches a log, a work note, a message, an event or a
// row; with links off, no event.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { rows, seed, state } from '../support/glide.mjs'
import { assignSelected } from '../../src/server/assign.js'
import { START_LINKS_EVENT, startButtonsHtml } from '../../src/server/start-links.js'
import { GlideRecord } from '../support/glide.mjs'
import { backend, env, freshInstance, glideNow, newUser, notesOf, ownTenant, syncCourses, warmUp } from './env.mjs'

const LINK = /\/v1\/start\//

describe('Start links for the caller', () => {
    /** @type {Awaited<ReturnType<typeof ownTenant>>} */
    let tenant
    before(async () => {
        await warmUp()
        tenant = await ownTenant('sn-links', { startLinks: true })
    })
    after(() => tenant && tenant.remove())

    const newIncident = (caller) =>
        seed('incident', {
            number: `INC${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
            caller_id: caller,
            category: 'inquiry',
            opened_at: glideNow(),
        })
    const everythingWritten = () =>
        JSON.stringify([state.logs, state.messages, state.events, rows('incident'), rows('x_litmo_litmos_int_training'), rows('x_litmo_litmos_int_noted_update')])

    it('links on: one event for the caller with the course ids, a start URL that answers 303, no link anywhere the app writes', async () => {
        freshInstance({ key: tenant.key })
        const byName = syncCourses()
        const a = byName['Billing: Essentials']
        const b = byName['Password Reset: Essentials']
        const caller = newUser('Ann', 'Lee')
        const incident = newIncident(caller.sysId)

        const answer = assignSelected({ recordSysId: incident, checked: `${a.row},${b.row}`, requestKey: 'links-on' })
        assert.equal(answer.ok, true, answer.error)
        assert.equal(answer.startLinks, true)
        assert.deepEqual(answer.messages, [
            `You have successfully assigned these courses: ${a.name}, ${b.name}`,
            `Start links e-mailed to ${caller.name} for: ${a.name}, ${b.name}`,
        ])
        assert.deepEqual(state.events, [{ name: START_LINKS_EVENT, table: 'incident', sys_id: incident, parm1: caller.sysId, parm2: `${a.id},${b.id}` }])
        assert.deepEqual(notesOf('incident', incident), [`Litmos Training: start links e-mailed to ${caller.name} for: ${a.name}, ${b.name}`])
        // After the assignment the app read the record's training once.
        const reads = state.requests.filter((r) => r.method === 'GET' && r.url.endsWith(`/v1/servicenow/incidents/${incident}/training`))
        assert.equal(reads.length, 1)

        // The backend's training of the record: a start URL per course, on the backend's host.
        const training = await backend('GET', `/v1/servicenow/incidents/${incident}/training`, { token: tenant.key })
        assert.equal(training.status, 200)
        const urls = training.body.assignments.map((t) => t.start_url)
        assert.equal(urls.length, 2)
        for (const url of urls) {
            assert.match(url, new RegExp(`^${env.base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/v1/start/[A-Za-z0-9]{43}$`))
            const opened = await fetch(url, { redirect: 'manual' })
            assert.equal(opened.status, 303, `${opened.status} ${await opened.text()}`)
            assert.ok(opened.headers.get('location'), 'a Litmos sign-in to go to')
            assert.equal(opened.headers.get('cache-control'), 'no-store')
        }

        // The notification's mail script builds one Start button per course from a fresh read.
        const current = new GlideRecord('incident')
        assert.ok(current.get(incident))
        const html = startButtonsHtml(current, state.events[0].parm2)
        assert.equal((html.match(/\/v1\/start\/[A-Za-z0-9]{43}"/g) || []).length, 2, html)

        assert.doesNotMatch(everythingWritten(), LINK, 'no link in logs, messages, events, work notes or rows')
        assert.doesNotMatch(JSON.stringify(answer), LINK, 'nor in the answer to the browser')
    })

    it('links off: the same assignment fires no event and writes no note', async () => {
        await tenant.put({ startLinks: false })
        freshInstance({ key: tenant.key })
        const byName = syncCourses()
        const c = byName['Mobile App: Essentials']
        const caller = newUser('Bo', 'Ng')
        const incident = newIncident(caller.sysId)
        const answer = assignSelected({ recordSysId: incident, checked: c.row, requestKey: 'links-off' })
        assert.equal(answer.ok, true, answer.error)
        assert.deepEqual(answer.messages, [`You have successfully assigned these courses: ${c.name}`])
        assert.equal(answer.startLinks, false)
        assert.deepEqual(state.events, [])
        assert.deepEqual(notesOf('incident', incident), [])
        const training = await backend('GET', `/v1/servicenow/incidents/${incident}/training`, { token: tenant.key })
        assert.equal(training.body.assignments.length, 1)
        assert.equal('start_url' in training.body.assignments[0], false)
    })
})
