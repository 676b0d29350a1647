// The Configurations page against the real backend: saving a good key activates and
// shows the endpoints; a refused key shows a clear message and activates nothing.
import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import { GlideRecord, reset, rows, state } from '../support/glide.mjs'
import { LitmosTrainingClient } from '../support/scope.mjs'
import { backend, env } from './env.mjs'

const TABLE = 'x_litmo_litmos_int_configuration'

function save(values, existing) {
    const gr = new GlideRecord(TABLE)
    if (existing) gr.get(existing)
    else gr.initialize()
    for (const [k, v] of Object.entries(values)) gr.setValue(k, v)
    return existing ? gr.update() : gr.insert()
}

describe('Configurations page', () => {
    beforeEach(() => {
        reset()
        state.properties['glide.servlet.uri'] = 'https://pieshop.service-now.com/'
    })

    it('activates with a good key and shows the endpoints read-only', async () => {
        const id = save({ backend_url: `${env.base}/`, api_key: env.key })
        assert.ok(id, 'saved')
        const [row] = rows(TABLE)
        assert.equal(row.status, 'active')
        assert.equal(row.backend_url, env.base)
        assert.equal(row.tenant_id, env.tenant)
        assert.ok(row.tenant_name)
        assert.ok(row.activated_at)
        const lines = row.endpoints.split('\n')
        assert.ok(lines.includes(`assignments: ${env.base}/v1/servicenow/assignments`), row.endpoints)
        assert.ok(lines.includes(`courses: ${env.base}/v1/servicenow/courses`), row.endpoints)
        assert.deepEqual(state.messages, [{ level: 'info', message: `Litmos Training is activated for ${row.tenant_name}.` }])
        const admin = await backend('GET', `/v1/admin/tenants/${env.tenant}/servicenow`, { token: env.adminToken })
        assert.equal(admin.body.instance_url, 'https://pieshop.service-now.com')
        assert.ok(admin.body.activated_at)
    })

    it('refuses a wrong key with a clear message and activates nothing', async () => {
        save({ backend_url: env.base, api_key: env.key })
        const good = { ...rows(TABLE)[0] }
        state.messages = []
        state.properties['glide.servlet.uri'] = 'https://elsewhere.service-now.com/'
        const result = save({ api_key: 'lsn_thisIsNotAValidKeyAtAll0000000000' }, good.sys_id)
        assert.equal(result, null, 'the save was aborted')
        // addErrorMessage renders HTML: the text arrives escaped ("Accounts &gt; Integrations").
        const escaped = LitmosTrainingClient.KEY_REFUSED.replace(/>/g, '&gt;')
        assert.deepEqual(state.messages, [{ level: 'error', message: `Litmos Training was not activated: ${escaped}` }])
        assert.deepEqual(rows(TABLE)[0], good, 'the stored configuration is unchanged')
        const admin = await backend('GET', `/v1/admin/tenants/${env.tenant}/servicenow`, { token: env.adminToken })
        assert.equal(admin.body.instance_url, 'https://pieshop.service-now.com', 'no activation was recorded')
    })

    it('refuses a first save with a wrong key: nothing is stored', () => {
        const result = save({ backend_url: env.base, api_key: 'lsn_wrong' })
        assert.equal(result, null)
        assert.equal(rows(TABLE).length, 0)
        assert.equal(state.messages[0].level, 'error')
        assert.match(state.messages[0].message, /refused the API key/)
    })

    it('says so when the backend cannot be reached, and stores nothing', () => {
        state.properties['x_litmo_litmos_int.http_timeout_ms'] = '2000'
        const result = save({ backend_url: 'http://127.0.0.1:9', api_key: env.key })
        assert.equal(result, null)
        assert.equal(state.messages[0].message, 'Litmos Training was not activated: Litmos Training is not reachable, try again')
    })

    it('does not call the backend again when neither the URL nor the key changed', () => {
        const id = save({ backend_url: env.base, api_key: env.key })
        const calls = state.requests.length
        save({ updates_cursor: 'x' }, id)
        assert.equal(state.requests.length, calls)
    })
})
