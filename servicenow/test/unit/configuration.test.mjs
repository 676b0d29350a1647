// Issue 16 items 5 and 6: the key saved on the Configurations page goes into the app's
// Connection & Credential alias (an API key credential, encrypted) and nowhere else;
// server code reads it from there. A clone (glide.servlet.uri no longer the activated
// instance) stops calling the backend and the Configurations page says why.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { GlideRecord, openForm, reset, rows, runAsyncRules, seed, state } from '../support/glide.mjs'
import { ALIAS_ID } from '../support/config.mjs'
import { LitmosTrainingClient } from '../support/scope.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { syncCatalog } from '../../src/server/catalog.js'
import { syncTrainingUpdates } from '../../src/server/work-notes.js'
import { retrySends } from '../../src/server/outbox.js'
import { storeKey } from '../../src/server/activation.js'

const CONFIG = 'x_litmo_litmos_int_configuration'

describe('the key and the instance', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => reset())

    /** The administrator saves the Configurations page (the before rule from Fluent activates). */
    function save(values, sysId) {
        const gr = new GlideRecord(CONFIG)
        if (sysId) assert.ok(gr.get(sysId))
        else gr.initialize()
        for (const [k, v] of Object.entries(values)) gr.setValue(k, v)
        return sysId ? gr.update() : gr.insert()
    }

    it('stores the key in the alias credential, encrypted, and not on the configuration', () => {
        const id = save({ backend_url: backend.url, api_key: 'lsn_good' })
        assert.ok(id, JSON.stringify(state.messages))
        const config = rows(CONFIG)[0]
        assert.equal(config.api_key, '', 'the field is only an input')
        assert.equal(config.status, 'active')
        assert.equal(config.instance_url, 'https://pieshop.service-now.com')
        const [credential] = rows('api_key_credentials')
        assert.doesNotMatch(credential.api_key, /lsn_good/)
        const [connection] = rows('http_connection')
        assert.deepEqual([connection.connection_alias, connection.credential, connection.connection_url], [ALIAS_ID, credential.sys_id, backend.url])

        const client = new LitmosTrainingClient()
        assert.equal(client.isConfigured(), true)
        assert.equal(client.request('GET', '/echo', {}).data.headers.authorization, 'Bearer lsn_good')

        // A new key replaces the old one in the same credential.
        assert.ok(save({ api_key: 'lsn_good' }, id))
        assert.equal(rows('api_key_credentials').length, 1)
        assert.equal(rows('http_connection').length, 1)
    })

    it('the alias is declared in Fluent with its sys_id in the client, and credential writes need the declared privileges', async () => {
        const { declared } = await import('../support/app.mjs')
        assert.deepEqual(declared('Alias').map((a) => [a.name, a.type, a.connectionType]), [['Litmos Training', 'connection', 'httpConnection']])
        const { readFileSync } = await import('node:fs')
        const keys = readFileSync(new URL('../../src/fluent/generated/keys.ts', import.meta.url), 'utf8')
        assert.equal(/'alias-litmos': \{\s*table: 'sys_alias'\s*id: '([0-9a-f]{32})'/.exec(keys)[1], LitmosTrainingClient.ALIAS_ID)
        assert.equal(ALIAS_ID, LitmosTrainingClient.ALIAS_ID)
        const privileges = declared('CrossScopePrivilege').map((p) => `${p.targetName}:${p.operation}`)
        for (const t of ['api_key_credentials', 'http_connection']) for (const op of ['read', 'create', 'write']) assert.ok(privileges.includes(`${t}:${op}`), `${t}:${op}`)
        const agent = { sys_id: seed('sys_user', { user_name: 'agent' }), user_name: 'agent', email: '', roles: ['itil'] }
        state.user = agent
        const { GlideRecordSecure } = await import('../support/glide.mjs')
        const secure = new GlideRecordSecure('api_key_credentials')
        secure.query()
        assert.equal(secure.hasNext(), false, 'an agent cannot read credentials')
    })

    it('the shim refuses credential writes the app has not declared a cross-scope privilege for', async () => {
        const { definitions } = await import('../support/app.mjs')
        const at = definitions.findIndex((d) => d.kind === 'CrossScopePrivilege' && d.targetName === 'api_key_credentials' && d.operation === 'create')
        const [privilege] = definitions.splice(at, 1)
        try {
            assert.throws(() => storeKey(backend.url, 'lsn_good'), /create on api_key_credentials needs a declared cross-scope privilege/)
        } finally {
            definitions.splice(at, 0, privilege)
        }
        assert.doesNotThrow(() => storeKey(backend.url, 'lsn_good'))
    })

    it('a clone stops calling the backend and the Configurations page tells the administrator', () => {
        const id = save({ backend_url: backend.url, api_key: 'lsn_good' })
        seed('incident', { number: 'INC1' })
        state.messages = []
        // The instance is cloned: the same data under another URL.
        state.properties['glide.servlet.uri'] = 'https://pieshopdev.service-now.com/'
        state.requests = []
        const client = new LitmosTrainingClient()
        assert.equal(client.isConfigured(), false)
        const refused = client.request('GET', '/echo', {})
        assert.equal(refused.ok, false)
        assert.match(refused.message, /^This instance \(https:\/\/pieshopdev\.service-now\.com\) is not the one Litmos Training was activated on \(https:\/\/pieshop\.service-now\.com\)/)
        assert.deepEqual(syncCatalog(), { ok: false, requests: 0, message: 'not configured' })
        assert.equal(syncTrainingUpdates().pages, 0)
        assert.deepEqual(retrySends(), { sent: 0, retried: 0, failed: 0 })
        const incident = new GlideRecord('incident')
        incident.initialize()
        incident.setValue('caller_id', seed('sys_user', { user_name: 'c', email: 'c@x.example' }))
        incident.insert()
        assert.deepEqual(runAsyncRules(), [{ sent: false, message: 'not active' }])
        assert.equal(state.requests.length, 0, 'no call at all from the clone')

        const shown = openForm(CONFIG, id)
        assert.equal(shown.length, 1)
        assert.equal(shown[0].level, 'error')
        assert.match(shown[0].message, /it looks like a clone\. The app has stopped calling Litmos Training/)

        // The administrator re-activates the clone with a key of its own.
        assert.ok(save({ api_key: 'lsn_good' }, id))
        assert.equal(rows(CONFIG)[0].instance_url, 'https://pieshopdev.service-now.com')
        assert.equal(new LitmosTrainingClient().isConfigured(), true)
        assert.deepEqual(openForm(CONFIG, id), [])
    })
})
