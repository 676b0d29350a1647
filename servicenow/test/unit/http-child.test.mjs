// The shim's HTTP transport (test/support/http-child.mjs): against the local stack it
// sends a read, or a keyed write, once more when the emulator answers a 500 of its own,
// and never anything else.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import { after, before, beforeEach, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const child = fileURLToPath(new URL('../support/http-child.mjs', import.meta.url))

describe('the shim HTTP transport against the local stack', () => {
    let server, base, seen, answers
    before(async () => {
        server = createServer((req, res) => {
            seen.push(`${req.method} ${req.url}`)
            const [status, type, body] = answers.shift() || [200, 'application/json', '{"ok":true}']
            res.writeHead(status, { 'content-type': type })
            res.end(body)
        })
        await new Promise((done) => server.listen(0, '127.0.0.1', done))
        base = `http://127.0.0.1:${server.address().port}`
    })
    after(() => server.close())
    beforeEach(() => {
        seen = []
        answers = []
    })

    // Run asynchronously: this process serves the requests meanwhile.
    const send = (method, headers = {}, stack = base) =>
        new Promise((done, fail) => {
            const run = execFile(process.execPath, [child], { env: { ...process.env, E2E_BASE_URL: stack } }, (err, out) => (err ? fail(err) : done(JSON.parse(out))))
            run.stdin.end(JSON.stringify({ method, url: `${base}/v1/x`, headers, timeoutMs: 5000 }))
        })
    const emulator500 = [500, 'application/json', '{"title":"Internal Server Error","status":500}']

    it('sends a read again once when the emulator answers its own 500', async () => {
        answers.push(emulator500)
        const answer = await send('GET')
        assert.equal(answer.status, 200)
        assert.deepEqual(seen, ['GET /v1/x', 'GET /v1/x'])
    })

    it('sends a write again only when it carries an idempotency key', async () => {
        answers.push(emulator500)
        assert.equal((await send('POST')).status, 500)
        assert.equal(seen.length, 1)
        seen = []
        answers.push(emulator500)
        assert.equal((await send('POST', { 'Idempotency-Key': 'sn-1' })).status, 200)
        assert.equal(seen.length, 2)
    })

    it("never sends again the backend's own 500, a crashed function's, nor twice, nor elsewhere than the stack", async () => {
        answers.push([500, 'application/problem+json', '{"type":"/problems/internal","title":"Internal error","status":500}'])
        assert.equal((await send('GET')).status, 500)
        assert.equal(seen.length, 1)
        seen = []
        answers.push([500, 'application/json', '{"errorType":"&alloc::string::String","errorMessage":"panicked"}'])
        assert.equal((await send('GET')).status, 500)
        assert.equal(seen.length, 1)
        seen = []
        answers.push(emulator500, emulator500)
        assert.equal((await send('GET')).status, 500)
        assert.equal(seen.length, 2)
        seen = []
        answers.push(emulator500)
        assert.equal((await send('GET', {}, 'http://127.0.0.1:1')).status, 500)
        assert.equal(seen.length, 1)
    })
})
