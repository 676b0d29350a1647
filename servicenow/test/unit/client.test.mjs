// LitmosTrainingClient (the one HTTP path) against a local stand-in backend over real
// HTTP: headers, JSON, timeouts and problem+json into readable messages.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { reset, seed, state } from '../support/glide.mjs'
import { LitmosTrainingClient } from '../support/scope.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { configure } from '../support/config.mjs'

const PERMISSION =
    'You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses.'

describe('LitmosTrainingClient', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => reset())

    const client = (extra = {}) => new LitmosTrainingClient({ baseUrl: backend.url, apiKey: 'lsn_good', ...extra })

    it('sends the key, the agent, the idempotency key and JSON', () => {
        const r = client().request('POST', '/echo', {
            agent: 'admin@pieshop.net',
            idempotencyKey: 'sn-abc',
            body: { a: 1 },
            query: { search: 'pass word', empty: '', none: undefined, limit: 20 },
        })
        assert.equal(r.ok, true)
        assert.equal(r.data.headers.authorization, 'Bearer lsn_good')
        assert.equal(r.data.headers['x-agent'], 'admin@pieshop.net')
        assert.equal(r.data.headers['idempotency-key'], 'sn-abc')
        assert.equal(r.data.headers['content-type'], 'application/json')
        assert.match(r.data.headers.accept, /application\/json/)
        assert.equal(r.data.body, '{"a":1}')
        assert.equal(r.data.query, '?search=pass%20word&limit=20')
    })

    it('sends no body, no agent and no key header when there are none', () => {
        const r = client().request('GET', '/echo', {})
        assert.equal(r.data.method, 'GET')
        assert.equal(r.data.headers['x-agent'], undefined)
        assert.equal(r.data.headers['idempotency-key'], undefined)
        assert.equal(r.data.body, '')
    })

    it("shows a problem's detail word for word", () => {
        const r = client().request('POST', '/forbidden', { body: {} })
        assert.equal(r.ok, false)
        assert.equal(r.status, 403)
        assert.equal(r.message, PERMISSION)
        assert.equal(r.problem.status, 403)
        const missing = client().request('GET', '/nowhere', {})
        assert.equal(missing.message, 'No route /nowhere.')
    })

    it('turns a refused key into a clear message', () => {
        const r = client({ apiKey: 'lsn_wrong' }).activate('https://pieshop.service-now.com')
        assert.equal(r.ok, false)
        assert.equal(r.status, 401)
        assert.equal(r.message, LitmosTrainingClient.KEY_REFUSED)
    })

    it('never shows an HTML page or a stack trace', () => {
        const gateway = client().request('GET', '/html-502', {})
        assert.equal(gateway.message, 'Litmos Training is not reachable, try again')
        assert.equal(gateway.unreachable, true)
        const odd = client().request('GET', '/teapot', {})
        assert.equal(odd.message, 'Litmos Training could not complete the request (HTTP 418), try again.')
        for (const m of [gateway.message, odd.message]) assert.doesNotMatch(m, /<|at |Exception/)
    })

    it('says "not reachable" when the backend does not answer in time', () => {
        const started = Date.now()
        const r = client({ timeoutMs: 500 }).request('GET', '/slow', {})
        assert.equal(r.ok, false)
        assert.equal(r.status, 0)
        assert.equal(r.unreachable, true)
        assert.equal(r.message, 'Litmos Training is not reachable, try again')
        assert.ok(Date.now() - started < 2500, 'gave up at the timeout')
    })

    it('says "not reachable" when nothing listens', () => {
        const r = new LitmosTrainingClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'lsn_good', timeoutMs: 2000 }).configuration()
        assert.equal(r.message, 'Litmos Training is not reachable, try again')
    })

    it('reads the URL and the key from the active configuration, and the timeout from its property', () => {
        configure({ backend_url: `${backend.url}/`, api_key: 'lsn_good', active: true })
        state.properties['x_litmo_litmos_int.http_timeout_ms'] = '1234'
        const c = new LitmosTrainingClient()
        assert.equal(c.baseUrl, backend.url)
        assert.equal(c.timeoutMs, 1234)
        assert.equal(c.request('GET', '/echo', {}).data.headers.authorization, 'Bearer lsn_good')
        assert.equal(state.requests.at(-1).timeoutMs, 1234)
    })

    it('makes no call at all before it is configured', () => {
        const r = new LitmosTrainingClient().configuration()
        assert.equal(r.ok, false)
        assert.equal(r.notConfigured, true)
        assert.equal(r.message, LitmosTrainingClient.NOT_CONFIGURED)
        assert.equal(state.requests.length, 0)
    })

    it('reports a replayed idempotent answer', () => {
        const r = client().assignCourses('admin@pieshop.net', { learner_id: 'L', course_ids: ['C'], incident: { sys_id: 'x', number: 'INC1' }, send_message: false }, 'k')
        assert.equal(r.ok, true)
        assert.equal(r.replayed, true)
        assert.deepEqual(r.data.messages, ['replayed'])
    })
})

describe('LitmosTrainingClient: retries and https', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => reset())

    const sleeps = []
    const client = () => {
        sleeps.length = 0
        return new LitmosTrainingClient({ baseUrl: backend.url, apiKey: 'lsn_good', sleep: (ms) => sleeps.push(ms) })
    }
    const key = () => Math.random().toString(36).slice(2)

    it("retries 503 as the server's Retry-After says, then succeeds", () => {
        const r = client().request('GET', `/flaky?key=${key()}&fail=2&after=1`, {})
        assert.equal(r.ok, true)
        assert.deepEqual(r.data, { seen: 3 })
        assert.deepEqual(sleeps, [1000, 1000])
        assert.equal(state.requests.length, 3)
    })

    it('retries 502 with a jittered, growing, bounded pause', () => {
        const r = client().request('GET', `/flaky?key=${key()}&fail=5&status=502`, {})
        assert.equal(r.ok, false)
        assert.equal(r.status, 502)
        assert.equal(state.requests.length, LitmosTrainingClient.MAX_ATTEMPTS, 'bounded')
        assert.equal(sleeps.length, 2)
        assert.ok(sleeps[0] >= 250 && sleeps[0] <= 500, `${sleeps[0]}`)
        assert.ok(sleeps[1] >= 500 && sleeps[1] <= 1000, `${sleeps[1]}`)
        assert.equal(r.message, 'Busy, try 3.')
        assert.equal('retryAfterMs' in r, false)
        const spread = new Set(Array.from({ length: 20 }, () => LitmosTrainingClient.backoffMs(1, null, Math.random())))
        assert.ok(spread.size > 1, 'jittered')
    })

    it('does not wait for a Retry-After longer than its bound, nor retry what is not worth it', () => {
        const long = client().request('GET', `/flaky?key=${key()}&fail=1&status=429&after=120`, {})
        assert.equal(long.ok, false)
        assert.equal(long.status, 429)
        assert.deepEqual(sleeps, [])
        assert.equal(state.requests.length, 1)
        client().request('POST', '/forbidden', { body: {} })
        assert.equal(state.requests.length, 2, 'a 403 is not retried')
        assert.equal(LitmosTrainingClient.retryAfterMs(new Date(Date.now() + 2000).toUTCString()) <= 2000, true)
        assert.equal(LitmosTrainingClient.retryAfterMs('soon'), null)
    })

    it('refuses an http:// backend unless the development property allows it', () => {
        state.properties['x_litmo_litmos_int.allow_http_backend'] = 'false'
        const r = client().configuration()
        assert.equal(r.ok, false)
        assert.equal(r.message, 'The Litmos Training URL must start with https://.')
        assert.equal(state.requests.length, 0, 'the key never travels over http')
        assert.equal(LitmosTrainingClient.urlProblem('https://api.example.com'), '')
    })
})
