// Issue 16, items 1, 3 and 4: every failure reaches the agent as a visible, escaped
// message; client-callable code acts only on records the agent may read, behind its
// own ACL; every app table has its ACLs, once each; cross-scope access is declared.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { GlideRecord, GlideRecordSecure, actAs, reset, rows, seed, state } from '../support/glide.mjs'
import { callAjax } from '../support/scope.mjs'
import { declared } from '../support/app.mjs'
import { listCourses, seedCourses } from '../support/courses.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { COURSES } from '../support/fake-data.mjs'
import { onConfigurationSave } from '../../src/server/activation.js'
import { configure } from '../support/config.mjs'

const AGENT_ROLE = 'x_litmo_litmos_int.litmos_training_user'
const AJAX = 'x_litmo_litmos_int.LitmosTrainingAjax'
const UNREACHABLE = 'Litmos Training is not reachable, try again'

describe('what the agent sees when the backend fails', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => reset())

    function configureApp(values = {}) {
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true, status: 'active', ...values })
    }
    function listAs(email) {
        actAs({ user_name: email.split('@')[0], email, roles: ['itil', AGENT_ROLE] })
        seedCourses(COURSES)
        const list = listCourses()
        return { rows: list.rows, shown: list.errors }
    }

    it('a refused key (401)', () => {
        configureApp({ api_key: 'lsn_revoked' })
        const r = listAs('admin@pieshop.net')
        assert.equal(r.rows.length, 0)
        assert.equal(r.shown.length, 1)
        assert.match(r.shown[0], /^Litmos Training could not list the courses: Litmos Training refused the API key\./)
    })

    it("a refusal (403) shows the problem's detail, escaped", () => {
        configureApp()
        const r = listAs('stranger@nowhere.example')
        assert.deepEqual(r.shown, [
            'Litmos Training could not list the courses: stranger@nowhere.example is not a Litmos user &lt;check the e-mail&gt; &amp; retry.',
        ])
    })

    it('a server error (5xx) shows its detail, escaped; no HTML gets through', () => {
        configureApp()
        const r = listAs('broken@pieshop.net')
        assert.deepEqual(r.shown, ['Litmos Training could not list the courses: Litmos answered &lt;html&gt; &amp; &quot;nonsense&quot; (request id r-1).'])
    })

    it('a timeout and a refused connection say "not reachable"', () => {
        configureApp()
        state.properties['x_litmo_litmos_int.http_timeout_ms'] = '500'
        assert.deepEqual(listAs('slow@pieshop.net').shown, [`Litmos Training could not list the courses: ${UNREACHABLE}`])
        reset()
        configureApp({ backend_url: 'http://127.0.0.1:9' })
        assert.deepEqual(listAs('admin@pieshop.net').shown, [`Litmos Training could not list the courses: ${UNREACHABLE}`])
    })

    it("the record's training list is local: it shows while the backend refuses the key", () => {
        configureApp({ api_key: 'lsn_revoked' })
        actAs({ user_name: 'agent', email: 'admin@pieshop.net', roles: ['itil', AGENT_ROLE] })
        const incident = seed('incident', { number: 'INC0000001' })
        seed('x_litmo_litmos_int_training', { record: incident, record_table: 'incident', course: 'Billing <Basics>', status: 'in_progress', assignment_key: `${incident}:L1:C1` })
        const gr = new GlideRecordSecure('x_litmo_litmos_int_training')
        gr.addQuery('record', incident)
        gr.query()
        assert.ok(gr.next())
        assert.equal(gr.getValue('course'), 'Billing <Basics>', 'the list renders it as text, as any string field')
        assert.equal(state.requests.length, 0)
    })

    it('the Configurations page escapes what it shows', () => {
        const gr = new GlideRecord('x_litmo_litmos_int_configuration')
        gr.initialize()
        gr.setValue('backend_url', 'ftp://nowhere')
        gr.setValue('api_key', 'lsn_good')
        assert.equal(gr.insert(), null, 'the before rule (from Fluent) aborts the save')
        assert.deepEqual(state.messages, [{ level: 'error', message: 'The Litmos Training URL must look like https://&lt;host&gt;/ (no query or fragment).' }])
        assert.equal(typeof onConfigurationSave, 'function')
    })
})

describe('client-callable code and ACLs', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => {
        reset()
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true, status: 'active' })
    })

    let courseRows
    beforeEach(() => {
        courseRows = seedCourses(COURSES)
    })
    const assign = (incident, courses = courseRows.C2) =>
        callAjax(AJAX, { sysparm_name: 'assignCourses', sysparm_record: incident, sysparm_courses: courses, sysparm_request_key: 'p' })

    it('an agent who cannot read an incident cannot assign from it', () => {
        actAs({ user_name: 'agent', email: 'admin@pieshop.net', roles: ['itil', AGENT_ROLE] })
        const caller = seed('sys_user', { user_name: 'c', email: 'c@customer.example' })
        const secret = seed('incident', { number: 'INC0000666', caller_id: caller })
        const open = seed('incident', { number: 'INC0000001', caller_id: caller })
        state.platformAcls.incident.read = (u, row) => row.sys_id !== secret
        const refused = JSON.parse(assign(secret))
        assert.equal(refused.ok, false)
        assert.equal(refused.error, 'Open the course list from an Incident you can see, with its Assign Courses button, then select the courses.')
        assert.equal(state.requests.length, 0, 'nothing was sent to Litmos')
        assert.deepEqual(state.refused.map((r) => [r.table, r.sys_id]), [['incident', secret]])
        assert.equal(JSON.parse(assign(open)).ok, true, 'an incident the agent can read works')
        assert.deepEqual(state.logs.filter((l) => /shim:/.test(l.message)), [])
    })

    it('the shim refuses a plain GlideRecord on a named record in client-callable code', () => {
        const id = seed('incident', { number: 'INC1' })
        state.clientCallable = true
        assert.throws(() => new GlideRecord('incident').get(id), /plain GlideRecord\('incident'\) in client-callable code/)
        assert.doesNotThrow(() => new GlideRecord('x_litmo_litmos_int_configuration').query())
        state.clientCallable = false
        assert.ok(new GlideRecord('incident').get(id), 'server-only code may')
    })

    it('the Ajax processor has its execute ACL, by its API name, and the ACL holds', () => {
        const [include] = declared('ScriptInclude').filter((s) => s.clientCallable)
        assert.equal(include.apiName, AJAX)
        const acls = declared('Acl').filter((a) => a.type === 'client_callable_script_include')
        assert.deepEqual(acls.map((a) => [a.name, a.operation]), [[AJAX, 'execute']])
        actAs({ user_name: 'itil.only', email: 'admin@pieshop.net', roles: ['itil'] })
        const incident = seed('incident', { number: 'INC1', caller_id: seed('sys_user', { user_name: 'c', email: 'c@x.example' }) })
        assert.equal(assign(incident), null, 'no answer without the role')
        assert.equal(state.requests.length, 0)
        assert.equal(declared('ScriptInclude').filter((s) => s.clientCallable).length, 1, 'only the bridge is client-callable')
    })

    it('every app table has read, write, create and delete ACLs, each exactly once', () => {
        const tables = declared('Table').map((t) => t.name)
        assert.ok(tables.includes('x_litmo_litmos_int_agent'))
        const records = declared('Acl').filter((a) => a.type === 'record')
        for (const table of tables) {
            for (const op of ['read', 'write', 'create', 'delete']) {
                const n = records.filter((a) => a.table === table && a.operation === op && !a.field).length
                assert.equal(n, 1, `${table} ${op}: ${n} ACLs`)
            }
        }
        const keys = declared('Acl').map((a) => [a.type, a.table || a.name, a.field || '', a.operation].join('|'))
        assert.equal(new Set(keys).size, keys.length, 'no duplicate ACLs')
        for (const t of declared('Table')) assert.notEqual(t.createAccessControls, true, `${t.name}: the platform would add duplicate ACLs`)
    })

    it('declares the cross-scope access it needs', () => {
        const privileges = declared('CrossScopePrivilege').map((p) => `${p.targetName}:${p.operation}:${p.status}`)
        for (const wanted of [
            'incident:read:allowed', 'incident:write:allowed', 'sys_user:read:allowed',
            'customer_contact:read:allowed', 'csm_consumer:read:allowed', 'sn_customerservice_case:read:allowed',
        ]) {
            assert.ok(privileges.includes(wanted), wanted)
        }
    })

    it('keeps the API key in the alias credential, encrypted: getValue is not the key', () => {
        const credential = new GlideRecord('api_key_credentials')
        credential.query()
        assert.ok(credential.next())
        assert.notEqual(credential.getValue('api_key'), 'lsn_good')
        assert.equal(credential.getElement('api_key').getDecryptedValue(), 'lsn_good')
        assert.equal(rows('api_key_credentials')[0].api_key.includes('lsn_good'), false)
        assert.equal(rows('x_litmo_litmos_int_configuration')[0].api_key || '', '', 'not on the configuration record')
    })
})
