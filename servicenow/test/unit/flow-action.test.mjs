// Issue 20: the Flow Designer action "Assign Litmos courses". Its one script step (the
// file the action ships, run here as the platform runs it: inputs, outputs, require)
// goes through the course window's assignment path, as the Configurations record's
// automation agent (a flow runs as the system), and refuses clearly without one.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, beforeEach, describe, it } from 'node:test'
import { GlideRecord, gs, reset, rows, seed, state } from '../support/glide.mjs'
import { serverModules } from '../support/scope.mjs'
import { configure } from '../support/config.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { COURSES } from '../support/fake-data.mjs'
import { seedCourses } from '../support/courses.mjs'
import { declared } from '../support/app.mjs'

const root = new URL('../../', import.meta.url)
const PERMISSION = /^You do not have permission to assign courses\. This requires an "Administrator" access level\./

/** The action's script step as the platform runs it. */
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

describe('Flow Designer action: Assign Litmos courses', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    const links = (enabled) => fetch(`${backend.url}/_fake/start_links`, { method: 'POST', body: JSON.stringify({ enabled }) })

    beforeEach(async () => {
        reset()
        seedCourses(COURSES)
        state.interactive = false // a flow runs in the background, as the system
        await links(false)
    })

    const record = (table, values) => {
        const gr = new GlideRecord(table)
        gr.get(seed(table, values))
        return gr
    }
    const caller = () => seed('sys_user', { user_name: `u${Math.random()}`, email: `u${Math.random()}@customer.example`, first_name: 'Bo', last_name: 'Ng' })
    const posted = (path) => state.requests.filter((r) => r.url.endsWith(path))

    it('is declared with the inputs and outputs a flow builder needs, its step wired to them', () => {
        const action = declared('Action').find((a) => a.name === 'Assign Litmos courses')
        assert.deepEqual(Object.keys(action.inputs), ['record', 'courses', 'send_message'])
        assert.equal(action.inputs.record.referenceTable, 'task')
        assert.equal(action.inputs.record.mandatory, true)
        assert.deepEqual(Object.keys(action.outputs), ['assigned', 'already_assigned', 'messages'])
        const step = declared('ActionStep').find((s) => s.config.label === 'Assign through Litmos Training')
        assert.equal(step.step, 'script')
        assert.equal(step.inputs.inputVariables.record.value, '{{inputs.record:reference}}')
        assert.equal(step.inputs.inputVariables.courses.value, '{{inputs.courses:string}}')
        assert.equal(step.inputs.inputVariables.send_message.value, '{{inputs.send_message:boolean}}')
        const out = declared('ActionOutputs').at(-1).values
        assert.equal(out.assigned, `{{step:flow-step-assign-litmos-courses.assigned:string}}`)
        assert.equal(out.messages, `{{step:flow-step-assign-litmos-courses.messages:string}}`)
        const [failWhen] = declared('ActionErrorEvaluation').at(-1).conditions
        assert.equal(failWhen.condition, '{{step:flow-step-assign-litmos-courses.error:string}}ISNOTEMPTY')
    })

    it('refuses without an automation agent, before any call', () => {
        configure({ backend_url: backend.url })
        const out = runStep({ record: record('incident', { number: 'INC0000500', caller_id: caller() }), courses: 'C1', send_message: false })
        assert.match(out.error, /^Assign Litmos courses needs an automation agent: an administrator sets the Litmos user flows assign as on Litmos Training > Configurations/)
        assert.equal(out.assigned, '')
        assert.equal(state.requests.length, 0)
    })

    it('assigns through the same path as the window, as the automation agent', () => {
        configure({ backend_url: backend.url, automation_agent: 'admin@pieshop.net' })
        const who = caller()
        const inc = record('incident', { number: 'INC0000501', caller_id: who })
        const out = runStep({ record: inc, courses: 'C1, C2,C1', send_message: 'true' })
        assert.equal(out.error, '')
        assert.equal(out.assigned, `${COURSES[0].name}, Password reset`)
        assert.equal(out.already_assigned, '')
        assert.equal(out.messages, `You have successfully assigned these courses: ${COURSES[0].name}, Password reset`)
        assert.equal(JSON.parse(posted('/v1/servicenow/learners')[0].body).caller.sys_id, who, 'the learner is created or reused first')
        const [assignment] = posted('/v1/servicenow/assignments')
        assert.equal(assignment.headers['X-Agent'], 'admin@pieshop.net')
        assert.ok(assignment.headers['Idempotency-Key'])
        const body = JSON.parse(assignment.body)
        assert.deepEqual(body.course_ids, ['C1', 'C2'])
        assert.equal(body.send_message, true)
        assert.deepEqual(body.incident, { sys_id: inc.getUniqueValue(), number: 'INC0000501', table: 'incident' })
        assert.equal(rows('x_litmo_litmos_int_training').filter((r) => r.assigned_by === 'admin@pieshop.net').length, 2)
        const again = runStep({ record: inc, courses: 'C3,C1', send_message: false })
        assert.equal(again.assigned, "Security 'first'")
        assert.equal(again.already_assigned, COURSES[0].name)
    })

    it("works on a case (the consumer's user learns) and fires the start-link e-mail when links are on", async () => {
        configure({ backend_url: backend.url, automation_agent: 'owner@pieshop.net' })
        await links(true)
        const user = caller()
        const kase = record('sn_customerservice_case', { number: 'CS0010500', consumer: seed('csm_consumer', { user }) })
        const out = runStep({ record: kase, courses: 'C2', send_message: false })
        assert.equal(out.error, '')
        assert.deepEqual(state.events.map((e) => [e.table, e.parm1, e.parm2]), [['sn_customerservice_case', user, 'C2']])
        assert.match(out.messages, /Start links e-mailed to Bo Ng for: Password reset/)
        assert.doesNotMatch(JSON.stringify([out, state.logs, rows('sn_customerservice_case')]), /\/v1\/start\//)
    })

    it("fails with Litmos' words when the automation agent may not assign, and on a record that is not an incident or case", () => {
        configure({ backend_url: backend.url, automation_agent: 'leader@pieshop.net' })
        const out = runStep({ record: record('incident', { number: 'INC0000502', caller_id: caller() }), courses: 'C1', send_message: false })
        assert.match(out.error, PERMISSION)
        const problem = record('problem', { number: 'PRB0000001' })
        assert.equal(runStep({ record: problem, courses: 'C1', send_message: false }).error, 'Assign Litmos courses works on an incident or a CSM case, not on problem.')
        assert.equal(runStep({ record: record('incident', { number: 'INC0000503', caller_id: caller() }), courses: ' , ', send_message: false }).error,
            'Assign Litmos courses needs one or more Litmos course ids.')
    })
})
