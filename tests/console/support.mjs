// What every browser test shares: the stack's coordinates, the system Chromium driven
// by playwright-core, direct API calls for set-up and checks, and the record of every
// request the page made (all must stay on the stack's origin).
import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { chromium } from 'playwright-core'

const NAMES = ['E2E_BASE_URL', 'E2E_ADMIN_TOKEN', 'E2E_DEMO_TENANT', 'E2E_DEMO_KEY', 'E2E_DOUBLE_URL']
const missing = NAMES.filter((n) => !process.env[n])
if (missing.length) {
    throw new Error(`These tests need the running local stack; set ${missing.join(', ')} (run them with tests/console/ci-stack.sh inside infra/with-stack.sh).`)
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`)
}

export const env = {
    base: process.env.E2E_BASE_URL.replace(/\/+$/, ''),
    adminToken: process.env.E2E_ADMIN_TOKEN,
    demoTenant: process.env.E2E_DEMO_TENANT,
    double: process.env.E2E_DOUBLE_URL.replace(/\/+$/, ''),
}

/** The Litmos double as a tenant sees it (the stack allows http://127.0.0.1:*). */
export const DOUBLE_BASE_URL = `${env.double}/v1.svc`
export const DOUBLE_LITMOS_KEY = process.env.DOUBLE_API_KEY || 'demo-litmos-key'
/** An Administrator in the double's seed data. */
export const ADMIN_AGENT = 'admin@pieshop.net'

export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
]

/** A tenant id of this run's own. */
export function uniqueTenant(prefix) {
    return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`
}

/**
 * Chromium with a fresh profile in a temp folder, one context, one page, every request
 * recorded. `close()` removes the profile.
 */
export async function openBrowser({ clipboard = false } = {}) {
    const profile = await mkdtemp(join(tmpdir(), 'console-chromium-'))
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        acceptDownloads: true,
        viewport: { width: 1280, height: 900 },
        locale: 'en-GB',
        timezoneId: 'UTC',
    })
    if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.base })
    if (process.env.CONSOLE_ASSETS) await serveAssetsFromDisk(context, process.env.CONSOLE_ASSETS)
    const requests = []
    context.on('request', (r) => requests.push(r.url()))
    const errors = []
    const page = context.pages()[0] || (await context.newPage())
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => {
        // Chromium logs every failed or non-2xx fetch; the tests make those on purpose.
        if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text())
    })
    return {
        context,
        page,
        requests,
        errors,
        async close() {
            await context.close()
            await rm(profile, { recursive: true, force: true })
        },
    }
}

/** The console's files in the repository: index.html, console.css and the script's ES modules. */
export const CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'api', 'console')

/** The ES modules the page is made of (every .js file of the console), as served paths. */
export function consoleModules() {
    return readdirSync(CONSOLE_DIR)
        .filter((f) => f.endsWith('.js'))
        .map((f) => `/admin/${f}`)
        .sort()
}

/**
 * For editing the page against a running stack: the admin-console function compiles
 * its files in, so a stack serves the version it was built with. With
 * CONSOLE_ASSETS=shared/api/console the browser gets the files on disk instead, with
 * the stack's own headers (a new file needs a rebuilt stack: the stack answers 404 for
 * a file it does not know). CI never sets it.
 */
async function serveAssetsFromDisk(context, dir) {
    const fileOf = (pathname) => (pathname === '/admin' ? 'index.html' : /^\/admin\/[a-z-]+\.(js|css)$/.test(pathname) ? pathname.slice('/admin/'.length) : null)
    await context.route(
        (url) => url.origin === env.base && fileOf(url.pathname) !== null,
        async (route) => {
            const served = await route.fetch()
            const body = await readFile(join(dir, fileOf(new URL(route.request().url()).pathname)))
            await route.fulfill({ response: served, body })
        },
    )
}

/** Every request the page made stayed on the stack's origin (a blob: download of its own included). */
export function assertSameOrigin(requests) {
    assert.ok(requests.length > 0, 'the page made requests')
    const foreign = requests.filter((u) => !(u.startsWith(`${env.base}/`) || u.startsWith(`blob:${env.base}/`)))
    assert.deepEqual(foreign, [], 'requests to another origin')
}

/** Direct call to the backend (set-up and checks only). */
export async function call(method, path, { token = env.adminToken, body, headers = {} } = {}) {
    const res = await fetch(env.base + path, {
        method,
        headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    let json = null
    try {
        json = text ? JSON.parse(text) : null
    } catch {
        // CSV or text
    }
    return { status: res.status, headers: res.headers, text, body: json }
}

/** A tenant against the Litmos double, made over the API. */
export async function createTenant(id, { name = `Console test ${id}`, enable = false } = {}) {
    const r = await call('PUT', `/v1/admin/tenants/${id}`, {
        body: { name, litmos: { base_url: DOUBLE_BASE_URL, api_key: DOUBLE_LITMOS_KEY, source: 'console-test' } },
    })
    assert.equal(r.status, 201, r.text)
    if (enable) {
        const e = await call('POST', `/v1/admin/tenants/${id}/servicenow`, { body: {} })
        assert.equal(e.status, 201, e.text)
        return { tenant: r.body, key: e.body.api_key }
    }
    return { tenant: r.body }
}

export async function deleteTenant(id) {
    await call('DELETE', `/v1/admin/tenants/${id}`)
}

/**
 * Loads the page and waits until console.js has run. The local router (cargo lambda
 * watch) now and then answers one of two simultaneous requests to one function with a
 * 500 of its own (the browser asks for console.css and console.js at once): then the
 * page is loaded again, at most twice, and the test says so on stderr. The page's
 * script is several ES modules, so several of its files are asked for at once.
 */
export async function openConsole(page) {
    for (let attempt = 1; ; attempt++) {
        const failed = []
        const onResponse = (r) => {
            if (r.url().startsWith(`${env.base}/admin`) && r.status() >= 500) failed.push(`${r.status()} ${r.url()}`)
        }
        page.on('response', onResponse)
        const res = await page.goto(`${env.base}/admin`)
        page.off('response', onResponse)
        if (!failed.length) {
            await page.locator('html[data-ready]').waitFor({ state: 'attached' })
            return res
        }
        if (attempt === 3) throw new Error(`the page's files failed to load three times: ${failed.join(', ')}`)
        process.stderr.write(`console tests: the local router answered ${failed.join(', ')}; loading the page again\n`)
    }
}

/** Opens the console and signs in with the admin token (by keyboard: type, Enter). */
export async function signIn(page) {
    // The tab may still hold a session from an earlier test.
    if (page.url().startsWith(`${env.base}/`)) await page.evaluate(() => sessionStorage.clear())
    await openConsole(page)
    const field = page.getByLabel('Admin token')
    await field.fill(env.adminToken)
    await field.press('Enter')
    await page.getByRole('heading', { name: 'Tenants' }).waitFor()
}

/** Selects a tenant in the list (loading more pages when needed). */
export async function selectTenant(page, id) {
    const entry = page.locator(`button.tenant[data-id="${id}"]`)
    for (let i = 0; i < 20 && !(await entry.count()); i++) {
        const more = page.getByRole('button', { name: 'Load more' })
        if (!(await more.isVisible())) break
        await more.click()
        await page.waitForFunction(() => !document.getElementById('load-more').disabled)
    }
    await entry.click()
    await page.getByRole('heading', { name: `Edit tenant ${id}` }).waitFor()
}

/** An RFC 3339 UTC timestamp, seconds precision, `offset` seconds from now. */
export function utc(offsetSeconds = 0) {
    return new Date(Math.floor(Date.now() / 1000 + offsetSeconds) * 1000).toISOString().replace('.000Z', 'Z')
}

export function sysId() {
    return randomBytes(16).toString('hex')
}

/**
 * Report data for a tenant with ServiceNow enabled, made through the ServiceNow API as
 * the app would: activation, an incident (category "password") and its caller's
 * learner, three courses assigned from it by an Administrator of the double, one
 * completed (score 90) and one started in the double, a sync, and the caller's next
 * incident. Returns the course ids.
 */
export async function makeReportData(tenant, key) {
    const sn = (method, path, body, headers = {}) => call(method, path, { token: key, body, headers })
    const act = await sn('POST', '/v1/servicenow/activate', { instance_url: 'https://acme.service-now.com' })
    assert.equal(act.status, 200, act.text)
    const caller = sysId()
    const incident = sysId()
    const inc = await sn('POST', '/v1/servicenow/incidents', { sys_id: incident, number: 'INC0030001', caller_sys_id: caller, opened_at: utc(-60), category: 'password' })
    assert.equal(inc.status, 201, inc.text)
    const learner = await sn('POST', '/v1/servicenow/learners', { caller: { sys_id: caller, email: `console.${caller.slice(0, 10)}@customer.example`, first_name: 'Console' } })
    assert.equal(learner.status, 201, learner.text)
    const learnerId = learner.body.learner.id
    const courses = await sn('GET', '/v1/servicenow/courses?search=password&sort=name&limit=3', undefined, { 'x-agent': ADMIN_AGENT })
    assert.equal(courses.status, 200, courses.text)
    const ids = courses.body.items.map((c) => c.id)
    assert.equal(ids.length, 3)
    const assigned = await sn('POST', '/v1/servicenow/assignments', { learner_id: learnerId, course_ids: ids, incident: { sys_id: incident, number: 'INC0030001' } }, { 'x-agent': ADMIN_AGENT })
    assert.equal(assigned.status, 200, assigned.text)
    const progress = async (course_id, percentage, score) => {
        const r = await fetch(`${env.double}/_double/progress`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ user_id: learnerId, course_id, percentage, ...(score === undefined ? {} : { score }) }),
        })
        assert.ok(r.ok, `double progress: ${r.status}`)
    }
    await progress(ids[0], 100, 90)
    await progress(ids[1], 40)
    // The sync finds both changes; the caller then comes back with another incident.
    const sync = await call('POST', `/v1/admin/tenants/${tenant}/sync`)
    assert.equal(sync.status, 200, sync.text)
    const again = await sn('POST', '/v1/servicenow/incidents', { sys_id: sysId(), number: 'INC0030002', caller_sys_id: caller, opened_at: utc(2), category: 'network' })
    assert.equal(again.status, 201, again.text)
    return ids
}
