// The Flow Designer action "Assign Litmos courses" against the real backend: its shipped
// script step, run as the platform runs it (as the system, not interactive), assigns as
// the Configurations record's automation agent. The stack's Administrator is recorded
// as the assigner; a Team Leader or a Learner of the Litmos double fails the action with
// Litmos' permission text, and nothing is assigned.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { before, describe, it } from 'node:test'
import { GlideRecord, gs, rows, state } from '../support/glide.mjs'
import { serverModules } from '../support/scope.mjs'
import { declared } from '../support/app.mjs'
import { AGENTS, PERMISSION, backend, freshInstance, newIncident, syncCourses, warmUp } from './env.mjs'

const root = new URL('../../', import.meta.url)

/** The action's script step as the platform runs it (inputs, outputs, require). */
function runStep(inputs) {
    const step = declared('ActionStep').find((s) => s.config.label === 'Assign through Litmos Training')
    const source = readFileSync(new URL(step.inputs.script.include.replace('../', 'src/'), root), 'utf8')
    const outputs = {}
    const require = (path) => {
        const m = /^x_litmo_litmos_int\/[^/]+\/[^/]+\/(src\/server\/[\w.-]+\.js)$/.exec(path)
        if (!m || !serverModules[m[1]]) throw new Error(`require: no module ${path}`)
        return serverModules[m[1]]
    }
    // eslint-disable-next-line no-new-func
    new Function('inputs', 'outputs', 'gs', 'require', source)(inputs, outputs, gs, require)
    return outputs
}

function incidentRecord(sysId) {
    const gr = new GlideRecord('incident')
    assert.ok(gr.get(sysId))
    return gr
}

describe('Flow action: Assign Litmos courses', () => {
    /** @type {Record<string, { id: string, row: string, name: string, code: string }>} */
    let byName
    before(async () => {
        freshInstance()
        await warmUp()
    })

    /** A fresh instance whose automation agent is `agent`, the catalog synced, running as a flow (the system). */
    function asFlow(agent) {
        freshInstance({ config: { automation_agent: agent } })
        byName = syncCourses()
        state.interactive = false
        state.requests = []
    }

    it("assigns as the automation agent: the backend records the stack's Administrator as the assigner", async () => {
        asFlow(AGENTS.admin)
        const { incident } = newIncident()
        const a = byName['Billing: Essentials']
        const b = byName['Password Reset: Essentials']
        const out = runStep({ record: incidentRecord(incident), courses: `${a.id}, ${b.id},${a.id}`, send_message: 'false' })
        assert.equal(out.error, '')
        assert.equal(out.assigned, `${a.name}, ${b.name}`)
        assert.equal(out.already_assigned, '')
        assert.equal(out.messages, `You have successfully assigned these courses: ${a.name}, ${b.name}`)
        const post = state.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/v1/servicenow/assignments'))
        assert.equal(post.length, 1)
        assert.equal(post[0].headers['X-Agent'], AGENTS.admin)
        assert.deepEqual(JSON.parse(post[0].body).course_ids, [a.id, b.id])

        const training = await backend('GET', `/v1/servicenow/incidents/${incident}/training`)
        assert.equal(training.status, 200)
        assert.deepEqual(training.body.assignments.map((t) => [t.course_id, t.assigned_by]).sort(), [[a.id, AGENTS.admin], [b.id, AGENTS.admin]].sort())
        const local = rows('x_litmo_litmos_int_training').filter((r) => r.record === incident)
        assert.deepEqual(local.map((r) => [r.course_id, r.assigned_by]).sort(), [[a.id, AGENTS.admin], [b.id, AGENTS.admin]].sort())

        // The flow run again for the same record and courses replays the first answer.
        const again = runStep({ record: incidentRecord(incident), courses: `${a.id},${b.id}`, send_message: 'false' })
        assert.deepEqual(again, out)
    })

    for (const who of ['leader', 'learner']) {
        it(`fails with Litmos' permission text when the automation agent is a ${who === 'leader' ? 'Team Leader' : 'Learner'}`, async () => {
            asFlow(AGENTS[who])
            const { incident } = newIncident()
            const a = byName['Billing: Essentials']
            const out = runStep({ record: incidentRecord(incident), courses: a.id, send_message: 'false' })
            assert.deepEqual(out, { assigned: '', already_assigned: '', messages: PERMISSION, error: PERMISSION })
            assert.equal(state.requests.filter((r) => r.url.endsWith('/v1/servicenow/assignments'))[0].headers['X-Agent'], AGENTS[who])
            assert.equal(rows('x_litmo_litmos_int_training').filter((r) => r.record === incident).length, 0)
            const training = await backend('GET', `/v1/servicenow/incidents/${incident}/training`)
            assert.deepEqual(training.status === 200 ? training.body.assignments : [], [], 'nothing was assigned')
        })
    }
})
