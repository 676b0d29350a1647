// A stand-in backend for the offline tests, run as its own process (the shim's HTTP
// runs in a child process and blocks the test's own event loop). It answers like the
// real one where the client cares: JSON, problem+json, an HTML 502 page, a slow
// route, and /echo, which returns what it received.
import { createServer } from 'node:http'

const problem = (res, status, title, detail) => {
    res.writeHead(status, { 'content-type': 'application/problem+json' })
    res.end(JSON.stringify({ type: 'about:blank', title, status, detail }))
}

const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const url = new URL(req.url, 'http://localhost')
    if (req.headers.authorization !== 'Bearer lsn_good') return problem(res, 401, 'Unauthorized', 'Missing or invalid credentials.')
    switch (url.pathname) {
        case '/echo':
            res.writeHead(200, { 'content-type': 'application/json' })
            return res.end(JSON.stringify({ method: req.method, path: url.pathname, query: url.search, headers: req.headers, body }))
        case '/v1/servicenow/assignments':
            res.writeHead(200, { 'content-type': 'application/json', 'idempotent-replayed': 'true' })
            return res.end(JSON.stringify({ assigned: [], already_assigned: [], messages: ['replayed'] }))
        case '/v1/servicenow/training/updates': {
            // Two entries for the test's incident, then the end of the feed.
            const cursor = url.searchParams.get('cursor') || ''
            if (cursor && cursor !== 'c1') return problem(res, 400, 'Bad Request', 'The cursor is not valid.')
            const inc = { sys_id: 'a'.repeat(32), number: 'INC0000001' }
            const updates = cursor ? [] : [
                { id: 'u1', incident: inc, note: 'Litmos training assigned: Billing' },
                { id: 'u2', incident: inc, note: 'Litmos training started: Billing' },
            ]
            res.writeHead(200, { 'content-type': 'application/json' })
            return res.end(JSON.stringify({ updates, next_cursor: 'c1' }))
        }
        case '/forbidden':
            return problem(res, 403, 'Forbidden', 'You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses.')
        case '/html-502':
            res.writeHead(502, { 'content-type': 'text/html' })
            return res.end('<html><body><h1>Bad Gateway</h1><pre>at stack.frame (x.rs:1)</pre></body></html>')
        case '/teapot':
            res.writeHead(418, { 'content-type': 'text/plain' })
            return res.end('java.lang.NullPointerException\n\tat com.example.Foo(Foo.java:1)')
        case '/slow':
            await new Promise((r) => setTimeout(r, 3000))
            res.writeHead(200, { 'content-type': 'application/json' })
            return res.end('{}')
        default:
            return problem(res, 404, 'Not Found', `No route ${url.pathname}.`)
    }
})

server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${server.address().port}\n`)
})
