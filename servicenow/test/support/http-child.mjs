// One real HTTP request, run in a child process so that the shim's
// RESTMessageV2.execute() can be synchronous like the platform's: reads
// { method, url, headers, body, timeoutMs } on stdin, writes the answer as JSON.
let input = ''
process.stdin.setEncoding('utf8')
for await (const chunk of process.stdin) input += chunk
const req = JSON.parse(input)

/**
 * Whether an answer is the local stack's emulator failing, not the backend answering.
 * `cargo lambda watch` now and then answers 500 itself (its problem has no type of
 * ours and no function logged anything: seen once in about six CI runs). The backend's
 * own 500s are problem+json typed `/problems/...`, and a function that crashed answers
 * with the runtime's `errorType`: neither is ever sent again.
 * @param {Response} res
 * @param {string} body
 */
function emulatorFailure(res, body) {
    const stack = process.env.E2E_BASE_URL
    if (res.status !== 500 || !stack || !req.url.startsWith(stack.replace(/\/+$/, '') + '/')) return false
    let answer
    try {
        answer = JSON.parse(body)
    } catch {
        return true
    }
    return !(answer && (String(answer.type || '').startsWith('/problems/') || answer.errorType !== undefined))
}
/** Sending again changes nothing: a read, or a write the backend replays by its key. */
const repeatable = req.method === 'GET' || req.method === 'HEAD' || Object.keys(req.headers || {}).some((h) => h.toLowerCase() === 'idempotency-key')

const started = Date.now()
/** One try, within what is left of the request's timeout. */
async function once() {
    const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body === undefined ? undefined : req.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.max(1, req.timeoutMs - (Date.now() - started))),
    })
    return { res, body: await res.text() }
}

try {
    let { res, body } = await once()
    if (repeatable && emulatorFailure(res, body) && Date.now() - started < req.timeoutMs / 2) {
        // The path alone: a query may carry a cursor or a search.
        process.stderr.write(`http-child: the local stack's emulator answered ${req.method} ${new URL(req.url).pathname} with its own 500 (${body.slice(0, 200)}); sending it once more\n`)
        await new Promise((done) => setTimeout(done, 250))
        ;({ res, body } = await once())
    }
    process.stdout.write(JSON.stringify({ status: res.status, headers: Object.fromEntries(res.headers), body }))
} catch (e) {
    const timedOut = e && (e.name === 'TimeoutError' || e.name === 'AbortError')
    const code = e && e.cause && e.cause.code
    const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN'
    process.stdout.write(JSON.stringify({ status: 0, refused, error: timedOut ? 'Request timed out' : String(e && e.cause ? e.cause : e) }))
}
