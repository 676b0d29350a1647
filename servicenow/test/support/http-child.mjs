// One real HTTP request, run in a child process so that the shim's
// RESTMessageV2.execute() can be synchronous like the platform's: reads
// { method, url, headers, body, timeoutMs } on stdin, writes the answer as JSON.
let input = ''
process.stdin.setEncoding('utf8')
for await (const chunk of process.stdin) input += chunk
const req = JSON.parse(input)
try {
    const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body === undefined ? undefined : req.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(req.timeoutMs),
    })
    const body = await res.text()
    process.stdout.write(JSON.stringify({ status: res.status, headers: Object.fromEntries(res.headers), body }))
} catch (e) {
    const timedOut = e && (e.name === 'TimeoutError' || e.name === 'AbortError')
    const code = e && e.cause && e.cause.code
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
    process.stdout.write(JSON.stringify({ status: 0, refused, error: timedOut ? 'Request timed out' : String(e && e.cause ? e.cause : e) }))
}
