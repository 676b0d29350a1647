// A stand-in backend for the offline tests, run as its own process (the shim's HTTP
// runs in a child process and blocks the test's own event loop). It answers like the
// real one where the client cares: JSON, problem+json, an HTML 502 page, a slow
// route, /echo (returns what it received), and the agent's routes of SPEC 3.2/3.3 with
// a small memory: learners, the courses an agent may assign (by the agent's Litmos
// access level), assignments once per learner and course, Idempotency-Key replays,
// and the 403 permission text. Course names hold HTML on purpose.
import { createServer } from 'node:http'
import { COURSES } from './fake-data.mjs'

const problem = (res, status, title, detail) => {
    res.writeHead(status, { 'content-type': 'application/problem+json' })
    res.end(JSON.stringify({ type: 'about:blank', title, status, detail }))
}

const PERMISSION =
    'You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses.'
/** Litmos users by UserName/Email and their access level. */
const LEVELS = {
    'admin@pieshop.net': 'Administrator',
    'owner@pieshop.net': 'Account_Owner',
    'leader@pieshop.net': 'Team_Leader',
    'learner@pieshop.net': 'Learner',
}
/** The courses of the teams the Team Leader leads. */
const LEADER_COURSES = ['C2']
/** The whole catalog (GET /v1/servicenow/catalog); POST /_fake/catalog replaces it. */
let catalog = { items: COURSES, generation: 'g-initial' }
let generations = 0
const learners = new Map()
const assigned = new Set()
/** Assignments per record sys_id (GET .../training), and whether start links are on (POST /_fake/start_links). */
const byRecord = new Map()
let startLinks = false
const replies = new Map()
const flaky = new Map()
/**
 * Feed entries a test set (POST /_fake/feed); null: the two built-in ones. As on the
 * real backend, an entry carries no assigned_by: one the test gives is moved into the
 * record's training (GET .../training), where the backend says who assigned a course.
 */
let feed = null
/** The records whose training came from the test's feed (cleared with it). */
const feedRecords = new Set()

const json = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
}

function assign(req, res, body) {
    const agent = req.headers['x-agent'] || ''
    const level = LEVELS[agent]
    if (agent === 'broken@pieshop.net') return problem(res, 500, 'Internal Server Error', 'Litmos answered <html> & "nonsense" (request id r-1).')
    if (level !== 'Administrator' && level !== 'Account_Owner') return problem(res, 403, 'Forbidden', PERMISSION)
    const key = req.headers['idempotency-key']
    if (key && replies.has(key)) return json(res, 200, replies.get(key), { 'idempotent-replayed': 'true' })
    const input = JSON.parse(body || '{}')
    const answer = { assigned: [], already_assigned: [], messages: [] }
    for (const id of input.course_ids || []) {
        const course = COURSES.find((c) => c.id === id)
        if (!course) return problem(res, 422, 'Unprocessable Content', `Unknown course ids: ${id}.`)
        const k = `${input.learner_id}:${id}`
        if (assigned.has(k)) answer.already_assigned.push({ id, name: course.name })
        else {
            answer.assigned.push({ id, name: course.name })
            assigned.add(k)
            const sysId = (input.incident && input.incident.sys_id) || ''
            if (!byRecord.has(sysId)) byRecord.set(sysId, [])
            byRecord.get(sysId).push({ learner_id: input.learner_id, course_id: id, course_name: course.name, assigned_by: agent })
        }
    }
    if (answer.assigned.length) answer.messages.push(`You have successfully assigned these courses: ${answer.assigned.map((c) => c.name).join(', ')}`)
    for (const c of answer.already_assigned) answer.messages.push(`${c.name} is already assigned`)
    if (key) replies.set(key, answer)
    return json(res, 200, answer)
}

const server = createServer(async (req, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const url = new URL(req.url, 'http://localhost')
    if (url.pathname === '/_fake/catalog' && req.method === 'POST') {
        // { count } makes courses K00001..; { items } gives them; a new generation either way.
        const input = JSON.parse(body || '{}')
        const items = input.items || Array.from({ length: input.count }, (_, i) => {
            const id = `K${String(i + 1).padStart(5, '0')}`
            return { id, code: `CODE${i + 1}`, name: `Course ${i + 1}`, description: '', active: true }
        })
        catalog = { items: [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), generation: `g-${++generations}` }
        return json(res, 200, { generation: catalog.generation, total: catalog.items.length })
    }
    if (url.pathname === '/_fake/start_links' && req.method === 'POST') {
        startLinks = !!JSON.parse(body || '{}').enabled
        return json(res, 200, { enabled: startLinks })
    }
    if (url.pathname === '/_fake/feed' && req.method === 'POST') {
        feed = JSON.parse(body || 'null')
        for (const sysId of feedRecords) byRecord.delete(sysId)
        feedRecords.clear()
        for (const entry of feed || []) {
            if (!('assigned_by' in entry)) continue
            const sysId = entry.incident.sys_id
            if (!byRecord.has(sysId)) byRecord.set(sysId, [])
            byRecord.get(sysId).push({ learner_id: entry.learner_id, course_id: entry.course.id, course_name: entry.course.name, assigned_by: entry.assigned_by })
            feedRecords.add(sysId)
            delete entry.assigned_by
        }
        return json(res, 200, { entries: feed ? feed.length : 0 })
    }
    if (req.headers.authorization !== 'Bearer lsn_good') return problem(res, 401, 'Unauthorized', 'Missing or invalid credentials.')
    switch (url.pathname) {
        case '/echo':
            res.writeHead(200, { 'content-type': 'application/json' })
            return res.end(JSON.stringify({ method: req.method, path: url.pathname, query: url.search, headers: req.headers, body }))
        case '/v1/servicenow/assignments':
            if (req.headers['idempotency-key'] === 'k') {
                return json(res, 200, { assigned: [], already_assigned: [], messages: ['replayed'] }, { 'idempotent-replayed': 'true' })
            }
            return assign(req, res, body)
        case '/v1/servicenow/activate': {
            const input = JSON.parse(body || '{}')
            return json(res, 200, {
                tenant: { id: 'pieshop', name: 'Pie Shop <Inc>' },
                activated_at: '2024-01-02T03:04:05Z',
                endpoints: { activate: `http://127.0.0.1/v1/servicenow/activate?for=${encodeURIComponent(input.instance_url || '')}` },
            })
        }
        case '/v1/servicenow/incidents':
            return json(res, 201, JSON.parse(body || '{}'))
        case '/v1/servicenow/learners': {
            const caller = JSON.parse(body || '{}').caller || {}
            const created = !learners.has(caller.sys_id)
            if (created) learners.set(caller.sys_id, { id: `L-${caller.sys_id.slice(0, 8)}`, email: caller.email || '' })
            return json(res, created ? 201 : 200, { learner: learners.get(caller.sys_id), created })
        }
        case '/v1/servicenow/courses': {
            const agent = req.headers['x-agent'] || ''
            if (agent === 'broken@pieshop.net') return problem(res, 500, 'Internal Server Error', 'Litmos answered <html> & "nonsense" (request id r-1).')
            if (agent === 'slow@pieshop.net') await new Promise((r) => setTimeout(r, 3000))
            if (!LEVELS[agent]) return problem(res, 403, 'Forbidden', `${agent || 'The agent'} is not a Litmos user <check the e-mail> & retry.`)
            const items = LEVELS[agent] === 'Learner' ? [] : COURSES
            const limit = Number(url.searchParams.get('limit') || 20)
            const offset = Number(url.searchParams.get('offset') || 0)
            return json(res, 200, { items: items.slice(offset, offset + limit), total: items.length, limit, offset })
        }
        case '/v1/servicenow/catalog': {
            const limit = Number(url.searchParams.get('limit') || 1000)
            if (!(limit >= 1 && limit <= 1000)) return problem(res, 400, 'Bad Request', 'limit must be 1..1000.')
            const cursor = url.searchParams.get('cursor') || ''
            let offset = 0
            if (cursor) {
                const [generation, at] = cursor.split('.')
                if (generation !== catalog.generation) return problem(res, 409, 'Conflict', 'The catalog changed: read it again from the start.')
                offset = Number(at)
            }
            const items = catalog.items.slice(offset, offset + limit)
            const next = offset + limit < catalog.items.length ? `${catalog.generation}.${offset + limit}` : null
            return json(res, 200, { generation: catalog.generation, total: catalog.items.length, items, next_cursor: next })
        }
        case '/v1/servicenow/courses/assignable': {
            const agent = req.headers['x-agent'] || ''
            if (agent === 'broken@pieshop.net') return problem(res, 500, 'Internal Server Error', 'Litmos answered <html> & "nonsense" (request id r-1).')
            if (agent === 'slow@pieshop.net') await new Promise((r) => setTimeout(r, 3000))
            const level = LEVELS[agent]
            if (!level) return problem(res, 403, 'Forbidden', `${agent || 'The agent'} is not a Litmos user <check the e-mail> & retry.`)
            const all = level === 'Administrator' || level === 'Account_Owner'
            return json(res, 200, { access_level: level, all, course_ids: level === 'Team_Leader' ? LEADER_COURSES : [] })
        }
        case '/v1/servicenow/recommendations': {
            // Ranked best first; CX is a course the local catalog does not hold.
            const category = url.searchParams.get('category') || ''
            const table = url.searchParams.get('table') || null
            if (!category) return problem(res, 400, 'Bad Request', 'category is required.')
            if (category.toLowerCase() === 'down') return problem(res, 503, 'Service Unavailable', 'The report store is busy <try again> & "soon".')
            const rec = (course_id, name, completed, not_completed, rc, rn, interval) => ({
                course_id, name, completed, not_completed, repeat_rate_completed: rc, repeat_rate_not_completed: rn,
                difference: Math.round((rn - rc) * 1000) / 1000, interval,
            })
            const items = category.toLowerCase() === 'network'
                ? [rec('C2', 'Password reset', 20, 30, 0.1, 0.4, [0.05, 0.52]), rec('C1', COURSES[0].name, 12, 15, 0.25, 0.4, [-0.2, 0.45]), rec('CX', 'Gone from Litmos', 10, 10, 0.3, 0.35, [-0.3, 0.4])]
                : []
            return json(res, 200, { category, table, window_days: 30, min_sample: 10, items })
        }
        case '/v1/servicenow/training/updates': {
            // Two entries for the test's incident, then the end of the feed (or the
            // entries a test gave with POST /_fake/feed).
            const cursor = url.searchParams.get('cursor') || ''
            if (feed) {
                if (cursor && cursor !== 'f1') return problem(res, 400, 'Bad Request', 'The cursor is not valid.')
                return json(res, 200, { updates: cursor ? [] : feed, next_cursor: 'f1' })
            }
            if (cursor && cursor !== 'c1') return problem(res, 400, 'Bad Request', 'The cursor is not valid.')
            const inc = { sys_id: 'a'.repeat(32), number: 'INC0000001' }
            const updates = cursor ? [] : [
                { id: 'u1', incident: inc, learner_id: 'L1', course: { id: 'C1', name: 'Billing' }, status: 'not_started', percentage_complete: 0, score: null, completed_at: null, changed_at: '2024-01-02T03:04:05.000Z', note: 'Litmos training assigned: Billing' },
                { id: 'u2', incident: inc, learner_id: 'L1', course: { id: 'C1', name: 'Billing' }, status: 'in_progress', percentage_complete: 40, score: null, completed_at: null, changed_at: '2024-01-02T04:04:05.000Z', note: 'Litmos training started: Billing' },
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
        case '/flaky': {
            // 503 with Retry-After: 1 (or 502 without) for the first `fail` calls of a key.
            const key = url.searchParams.get('key')
            const seen = (flaky.get(key) || 0) + 1
            flaky.set(key, seen)
            if (seen <= Number(url.searchParams.get('fail') || 0)) {
                const headers = url.searchParams.get('after') ? { 'retry-after': url.searchParams.get('after') } : {}
                res.writeHead(url.searchParams.get('status') ? Number(url.searchParams.get('status')) : 503, { 'content-type': 'application/problem+json', ...headers })
                return res.end(JSON.stringify({ title: 'Service Unavailable', status: 503, detail: `Busy, try ${seen}.` }))
            }
            return json(res, 200, { seen })
        }
        case '/slow':
            await new Promise((r) => setTimeout(r, 3000))
            res.writeHead(200, { 'content-type': 'application/json' })
            return res.end('{}')
        default: {
            const training = /^\/v1\/servicenow\/incidents\/([0-9a-f]{32})\/training$/.exec(url.pathname)
            if (training && byRecord.has(training[1])) {
                // What was assigned from this record; a fresh start link each read, when on.
                return json(res, 200, {
                    incident: { sys_id: training[1], number: 'INC0000001', table: 'incident' },
                    assignments: byRecord.get(training[1]).map((a) => ({
                        ...a, assigned_at: '2024-01-02T03:04:05Z', status: 'not_started', percentage_complete: 0, completed_at: null, score: null,
                        course_url: `https://litmos.example/c/${a.course_id}`,
                        ...(startLinks ? { start_url: `https://api.pieshop.example/v1/start/tok-${a.course_id}-${Math.random().toString(36).slice(2)}` } : {}),
                    })),
                })
            }
            if (training) {
                return json(res, 200, {
                    incident: { sys_id: training[1], number: 'INC0000001' },
                    assignments: [{ learner_id: 'L1', course_id: 'C1', course_name: COURSES[0].name, assigned_at: '2024-01-02T03:04:05Z', assigned_by: 'admin@pieshop.net', status: 'in_progress', percentage_complete: 50, completed_at: null, score: null, course_url: 'https://litmos.example/c/C1' }],
                })
            }
            return problem(res, 404, 'Not Found', `No route ${url.pathname}.`)
        }
    }
})

// The tests' fetch keeps idle connections 4 s; a server that closed them first (Node's
// default is 5 s) could close one just as a test reuses it ("fetch failed"): let the
// client always be the one that closes.
server.keepAliveTimeout = 120_000
server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${server.address().port}\n`)
})
