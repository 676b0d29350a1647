// The running local stack (infra/test-e2e.sh or infra/dev.sh writes these values).
import { randomUUID } from 'node:crypto'
import { GlideRecord, actAs as actAsUser, reset, rows, seed, state } from '../support/glide.mjs'
import { syncCatalog } from '../../src/server/catalog.js'
import { configure } from '../support/config.mjs'

const NAMES = ['E2E_BASE_URL', 'E2E_ADMIN_TOKEN', 'E2E_DEMO_TENANT', 'E2E_DEMO_KEY', 'E2E_DOUBLE_URL']
const missing = NAMES.filter((n) => !process.env[n])
if (missing.length) {
    throw new Error(
        `These tests need the running local stack; set ${missing.join(', ')} (infra/test-e2e.sh and infra/dev.sh's DEV_READY_FILE write them).`,
    )
}

export const env = {
    base: process.env.E2E_BASE_URL.replace(/\/+$/, ''),
    adminToken: process.env.E2E_ADMIN_TOKEN,
    tenant: process.env.E2E_DEMO_TENANT,
    key: process.env.E2E_DEMO_KEY,
    double: process.env.E2E_DOUBLE_URL.replace(/\/+$/, ''),
}

export const AGENTS = { admin: 'admin@pieshop.net', owner: 'owner@pieshop.net', leader: 'leader@pieshop.net', learner: 'learner@pieshop.net' }
export const PERMISSION =
    'You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses.'

/**
 * A fresh shim with the app configured against the stack (as if the admin had saved the
 * key): the demo tenant's key, or `key` (a suite's own tenant); `config` sets more
 * fields of the Configurations record (e.g. automation_agent).
 * @param {{ agent?: string, key?: string, config?: Record<string, any> }} [options]
 */
export function freshInstance({ agent = AGENTS.admin, key = env.key, config = {} } = {}) {
    reset()
    // The local stack paces its Litmos double (about a call a second per tenant), so a
    // new learner plus an assignment can take longer than the app's 10 s default.
    state.properties['x_litmo_litmos_int.http_timeout_ms'] = '30000'
    configure({ backend_url: env.base, api_key: key, active: true, status: 'active', ...config })
    actAs(agent)
}

/** The Litmos double's API key (infra/dev.sh's DOUBLE_API_KEY). */
export const DOUBLE_LITMOS_KEY = process.env.DOUBLE_API_KEY || 'demo-litmos-key'
/** The backend keeps a key's tenant profile this long (AUTH_CACHE_TTL_SECONDS), plus a margin. */
const AUTH_CACHE_MS = (Number(process.env.E2E_AUTH_CACHE_TTL_SECONDS || 5) + 1) * 1000

/**
 * A tenant of the suite's own on the stack (so its settings, rules and feed touch no
 * other suite), with ServiceNow enabled: `key` is its ServiceNow API key. `put` sends the
 * whole tenant body again (a PUT replaces the profile: the Litmos settings and key too)
 * with start links and the recommendations' minimum sample, and waits out the
 * backend's auth cache so the key sees the change; `remove` deletes the tenant.
 * @param {string} prefix
 * @param {{ startLinks?: boolean, minSample?: number }} [settings]
 */
export async function ownTenant(prefix, settings = {}) {
    const id = `${prefix}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`
    const tenant = {
        id,
        key: '',
        /** @param {{ startLinks?: boolean, minSample?: number }} s */
        async put({ startLinks = false, minSample = 10 } = {}) {
            const body = {
                name: `ServiceNow stack ${prefix}`,
                litmos: { base_url: `${env.double}/v1.svc`, api_key: DOUBLE_LITMOS_KEY, source: 'servicenow-stack' },
                recommendations: { min_sample: minSample },
                start_links: { enabled: startLinks, expire_days: 30 },
            }
            const r = await backend('PUT', `/v1/admin/tenants/${id}`, { token: env.adminToken, body })
            if (r.status !== 200 && r.status !== 201) throw new Error(`PUT tenant ${id}: ${r.status} ${JSON.stringify(r.body)}`)
            if (tenant.key) await new Promise((done) => setTimeout(done, AUTH_CACHE_MS))
            return r.body
        },
        async remove() {
            await backend('DELETE', `/v1/admin/tenants/${id}`, { token: env.adminToken })
        },
    }
    await tenant.put(settings)
    const enabled = await backend('POST', `/v1/admin/tenants/${id}/servicenow`, { token: env.adminToken })
    if (!enabled.body || !enabled.body.api_key) throw new Error(`enable ServiceNow for ${id}: ${enabled.status} ${JSON.stringify(enabled.body)}`)
    tenant.key = enabled.body.api_key
    return tenant
}

/**
 * Inserts a record as the platform does (the app's business rules run: the async ones
 * when the test calls runAsyncRules()).
 * @param {string} table
 * @param {Record<string, any>} values
 */
export function insertRecord(table, values) {
    const gr = new GlideRecord(table)
    gr.initialize()
    for (const [k, v] of Object.entries(values)) gr.setValue(k, v)
    const id = gr.insert()
    if (!id) throw new Error(`insert into ${table} failed`)
    return id
}

/** The work notes written on a record, oldest first. */
export function notesOf(table, sysId) {
    return (rows(table).find((r) => r.sys_id === sysId).work_notes_journal || []).map((n) => n.value)
}

/** A Glide date-time value for now (UTC). */
export function glideNow() {
    return new Date().toISOString().slice(0, 19).replace('T', ' ')
}

/** A new ServiceNow user (a caller or a contact) with a unique e-mail; no Litmos learner yet. */
export function newUser(first = 'Casey', last = 'Caller') {
    const tag = randomUUID().slice(0, 8)
    const email = `${first.toLowerCase()}.${tag}@customer.example`
    const sysId = seed('sys_user', { user_name: `${first.toLowerCase()}.${tag}`, email, first_name: first, last_name: `${last} ${tag}` })
    return { sysId, email, name: `${first} ${last} ${tag}` }
}

/** A new ServiceNow user with that e-mail (so a new Litmos identity on first use); an ITIL agent with the app's role by default. */
export function actAs(email, roles = ['itil', 'x_litmo_litmos_int.litmos_training_user']) {
    actAsUser({ user_name: email.split('@')[0], email, roles })
}

/** A new Caller (unique per run) and an incident of theirs; returns both sys_ids. */
export function newIncident({ category = 'inquiry', withCaller = true } = {}) {
    const tag = randomUUID().slice(0, 8)
    const caller = withCaller
        ? seed('sys_user', { user_name: `caller.${tag}`, email: `caller.${tag}@customer.example`, first_name: 'Casey', last_name: `Caller ${tag}` })
        : ''
    const number = `INC${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    const incident = seed('incident', {
        number,
        caller_id: caller,
        category,
        short_description: 'Cannot reset my password',
        opened_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
    })
    return { incident, caller, number, email: caller ? `caller.${tag}@customer.example` : '' }
}

/** Direct calls to the backend and the Litmos double (test set-up and checks only). */
export async function backend(method, path, { token = env.key, body, headers = {} } = {}) {
    const res = await fetch(env.base + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null }
}

export async function double(method, path, body) {
    const res = await fetch(env.double + path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    return text ? JSON.parse(text) : null
}


/**
 * The stack's catalog in the local course table, as the scheduled job writes it.
 * @returns {Record<string, { id: string, row: string, name: string, code: string }>} by course name
 */
export function syncCourses() {
    const interactive = state.interactive
    state.interactive = false
    const result = syncCatalog()
    state.interactive = interactive
    if (!result.ok) throw new Error(`catalog sync failed: ${result.message}`)
    return Object.fromEntries(
        rows('x_litmo_litmos_int_course').map((r) => [r.name, { id: r.course_id, row: r.sys_id, name: r.name, code: r.code }]),
    )
}

/**
 * The local stack builds a route's function on its first call (cargo lambda watch),
 * which can outlast the app's 10 s timeout on a busy machine: call the routes a suite
 * uses once first, without a timeout, so the tests measure the app, not a compile.
 */
export async function warmUp() {
    await Promise.all([
        backend('POST', '/v1/servicenow/assignments', { body: {} }),
        backend('POST', '/v1/servicenow/learners', { body: {} }),
        backend('POST', '/v1/servicenow/incidents', { body: {} }),
        backend('GET', '/v1/servicenow/catalog?limit=1'),
        backend('GET', '/v1/servicenow/courses/assignable', { headers: { 'x-agent': AGENTS.admin } }),
        backend('GET', '/v1/servicenow/training/updates?limit=1'),
        backend('POST', `/v1/admin/tenants/${env.tenant}/sync`, { token: env.adminToken }),
    ])
}
