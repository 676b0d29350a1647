// Issue 18, item 1: the agent's Litmos identity (X-Agent) is set once, on first use,
// from their e-mail, and then only the app's administrator can change it. An agent who
// edits the e-mail on their own profile (the platform lets them) keeps acting as the
// Litmos user they were mapped to. Real HTTP to the stand-in backend.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { GlideRecordSecure, actAs, reset, rows, seed, state } from '../support/glide.mjs'
import { callAjax } from '../support/scope.mjs'
import { listCourses, seedCourses } from '../support/courses.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { COURSES } from '../support/fake-data.mjs'
import { currentAgent } from '../../src/server/context.js'
import { configure } from '../support/config.mjs'

const AGENT_ROLE = 'x_litmo_litmos_int.litmos_training_user'
const ADMIN_ROLE = 'x_litmo_litmos_int.admin'
const MAPPING = 'x_litmo_litmos_int_agent'

describe('agent identity (X-Agent)', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => {
        reset()
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true, status: 'active' })
        courseRows = seedCourses(COURSES)
    })
    let courseRows

    /** The X-Agent of the course list's request, as the agent opens the list. */
    function listAs() {
        const sent = state.requests.length
        const list = listCourses()
        const asked = state.requests.slice(sent).find((r) => r.url.includes('/courses/assignable'))
        state.messages.splice(0)
        return { agent: asked ? asked.headers['X-Agent'] : '(cached)', rows: list.rows }
    }

    function newIncident() {
        const caller = seed('sys_user', { user_name: 'casey', email: 'casey@customer.example' })
        return seed('incident', { number: 'INC0000042', caller_id: caller })
    }

    /** The agent edits the e-mail on their own profile, as ServiceNow allows by default. */
    function editOwnEmail(email) {
        const me = new GlideRecordSecure('sys_user')
        assert.ok(me.get(state.user.sys_id), 'a user reads their own profile')
        me.setValue('email', email)
        assert.ok(me.update(), 'a user may change their own e-mail')
    }

    it('is taken from the e-mail on first use, then a change of the e-mail changes nothing', () => {
        actAs({ user_name: 'itil.agent', email: 'learner@pieshop.net', roles: ['itil', AGENT_ROLE] })
        const first = listAs()
        assert.equal(first.agent, 'learner@pieshop.net')
        assert.deepEqual(rows(MAPPING).map((r) => [r.user, r.litmos_user, r.source]), [[state.user.sys_id, 'learner@pieshop.net', 'first_use']])

        // The agent types a Litmos Administrator's address into their profile...
        editOwnEmail('admin@pieshop.net')
        assert.equal(rows('sys_user').find((r) => r.sys_id === state.user.sys_id).email, 'admin@pieshop.net')
        // ...and Litmos still sees the learner, on the list (its cached access expired) and on Assign Courses.
        rows(MAPPING)[0].access_checked_at = ''
        const again = listAs()
        assert.equal(again.agent, 'learner@pieshop.net')
        assert.equal(again.rows.length, 0, 'a Learner may assign nothing')
        const incident = newIncident()
        const answer = JSON.parse(
            callAjax('x_litmo_litmos_int.LitmosTrainingAjax', {
                sysparm_name: 'assignCourses', sysparm_record: incident, sysparm_courses: courseRows.C2, sysparm_request_key: 'page1', sysparm_agent: 'admin@pieshop.net',
            }),
        )
        assert.equal(state.requests.at(-1).headers['X-Agent'], 'learner@pieshop.net')
        assert.equal(answer.ok, false)
        assert.equal(answer.status, 403)
        assert.equal(rows(MAPPING).length, 1)
    })

    it('uses the user name when the user has no e-mail, and one row per user', () => {
        actAs({ user_name: 'owner@pieshop.net', email: '', roles: [AGENT_ROLE] })
        assert.equal(currentAgent(), 'owner@pieshop.net')
        assert.equal(currentAgent(), 'owner@pieshop.net')
        assert.equal(rows(MAPPING).length, 1)
    })

    it('an agent can neither read nor change nor add nor remove a mapping (ACLs)', () => {
        actAs({ user_name: 'itil.agent', email: 'learner@pieshop.net', roles: ['itil', AGENT_ROLE] })
        currentAgent()
        const mine = rows(MAPPING)[0].sys_id

        const read = new GlideRecordSecure(MAPPING)
        assert.equal(read.get(mine), false, 'read refused')

        // Even given the row (as a form or list edit would), write and delete are refused.
        const write = new GlideRecordSecure(MAPPING)
        write._load(rows(MAPPING)[0])
        write.setValue('litmos_user', 'admin@pieshop.net')
        assert.equal(write.update(), null, 'write refused')
        assert.equal(write.deleteRecord(), false, 'delete refused')

        const create = new GlideRecordSecure(MAPPING)
        create.initialize()
        create.setValue('user', state.user.sys_id)
        create.setValue('litmos_user', 'admin@pieshop.net')
        assert.equal(create.insert(), null, 'create refused')

        assert.deepEqual(rows(MAPPING).map((r) => r.litmos_user), ['learner@pieshop.net'])
        assert.equal(currentAgent(), 'learner@pieshop.net')
    })

    it("the app's administrator can correct a mapping, and the agent then acts as that user", () => {
        const agent = actAs({ user_name: 'itil.agent', email: 'learner@pieshop.net', roles: ['itil', AGENT_ROLE] })
        const agentUser = state.user
        currentAgent()

        actAs({ user_name: 'litmos.admin', email: 'it@pieshop.net', roles: [ADMIN_ROLE] })
        const gr = new GlideRecordSecure(MAPPING)
        gr.addQuery('user', agent)
        gr.query()
        assert.ok(gr.next(), 'the app admin reads the mapping')
        gr.setValue('litmos_user', 'owner@pieshop.net')
        gr.setValue('source', 'admin')
        assert.ok(gr.update(), 'the app admin changes it')

        state.user = agentUser
        const now = listAs()
        assert.equal(now.agent, 'owner@pieshop.net')
        assert.equal(now.rows.length, 3)
    })
})
