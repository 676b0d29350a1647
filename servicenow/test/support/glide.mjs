// A strict Glide shim for Node tests: enough of gs, GlideRecord(Secure), GlideDateTime,
// GlideDigest and sn_ws.RESTMessageV2 for this app's server code, enforcing what an
// instance enforces and a lax fake would hide:
// - ACLs: GlideRecordSecure (and canRead/canWrite/canCreate/canDelete) applies the app's
//   own Fluent ACL definitions to its tables (test/support/app.mjs loads them) and a
//   small model of the platform's ACLs to incident and sys_user; roles expand through
//   the Fluent roles' containsRoles; `admin` passes as on the platform.
// - Client-callable code (state.clientCallable, set by scope.mjs's callAjax) may not use
//   a plain GlideRecord on a table outside SYSTEM_TABLES: it throws.
// - password2 columns (from the Fluent tables) hold cipher text: getValue() is not the
//   key, only getDecryptedValue() is.
// - Business rules are the app's Fluent BusinessRules: `when`, `action` and the
//   condition string are evaluated; async rules queue and run after the transaction
//   (runAsyncRules()).
// - RESTMessageV2 makes real HTTP requests (in a child process, so execute() is
//   synchronous as on the platform) and execute() throws when the connection is refused.
// GlideRecord keeps rows in memory and keeps journal fields (work notes) as entries.
import { execFileSync } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

const httpChild = fileURLToPath(new URL('./http-child.mjs', import.meta.url))
const JOURNAL_FIELDS = new Set(['work_notes', 'comments'])
const SCOPE_PREFIX = 'x_litmo_litmos_int_'
const ADMIN_USER = () => ({ sys_id: '6816f79cc0a8016401c5a33be04be441', user_name: 'admin', email: 'admin@pieshop.net', roles: ['admin'] })

/**
 * Tables the app's server code reads and writes as the system on an agent's behalf,
 * from client-callable code too: the app's settings (the key never leaves the server)
 * and the agent's own Litmos identity. Everything else a request names goes through
 * GlideRecordSecure there.
 */
export const SYSTEM_TABLES = new Set([
    'x_litmo_litmos_int_configuration',
    'x_litmo_litmos_int_agent',
    // The app's own copies of backend data, written as the system: the catalog and the
    // training rows (an agent reads them through their ACLs and the query rule).
    'x_litmo_litmos_int_course',
    'x_litmo_litmos_int_training',
    'x_litmo_litmos_int_recommendation',
])

/**
 * The platform's ACLs for the global tables the app touches, as a small model: who may
 * read, write, create or delete a row. Tests may replace an entry to refuse a record.
 */
function platformAcls() {
    const has = (u, ...roles) => roles.some((r) => u.roles.includes(r))
    return {
        incident: {
            read: (u, row) => has(u, 'itil', 'sn_incident_read') || row.caller_id === u.sys_id || row.opened_by === u.sys_id,
            write: (u) => has(u, 'itil'),
            create: () => true,
            delete: () => false,
        },
        // CSM: agents (sn_customerservice_agent, or itil in these tests) read cases and consumers.
        sn_customerservice_case: {
            read: (u) => has(u, 'sn_customerservice_agent', 'itil'),
            write: (u) => has(u, 'sn_customerservice_agent', 'itil'),
            create: (u) => has(u, 'sn_customerservice_agent', 'itil'),
            delete: () => false,
        },
        csm_consumer: {
            read: (u) => has(u, 'sn_customerservice_agent', 'itil'),
            write: (u) => has(u, 'sn_customerservice_agent'),
            create: (u) => has(u, 'sn_customerservice_agent'),
            delete: () => false,
        },
        // The Connection & Credential records: administrators only, as on the platform.
        api_key_credentials: { read: (u) => has(u, 'admin'), write: (u) => has(u, 'admin'), create: (u) => has(u, 'admin'), delete: (u) => has(u, 'admin') },
        http_connection: { read: (u) => has(u, 'admin'), write: (u) => has(u, 'admin'), create: (u) => has(u, 'admin'), delete: (u) => has(u, 'admin') },
        sys_user: {
            read: () => true,
            // A user may edit their own profile (including the e-mail), as by default.
            write: (u, row) => row.sys_id === u.sys_id || has(u, 'user_admin'),
            create: (u) => has(u, 'user_admin'),
            delete: (u) => has(u, 'user_admin'),
        },
    }
}

/** Everything a test can inspect or reset. */
export const state = {
    /** @type {Record<string, Record<string, any>[]>} */
    tables: {},
    /** @type {Record<string, string>} */
    properties: {},
    user: ADMIN_USER(),
    /** @type {{ level: string, message: string }[]} */
    messages: [],
    /** @type {{ level: string, message: string }[]} */
    logs: [],
    /** @type {{ method: string, url: string, headers: Record<string, string>, body?: string, timeoutMs: number }[]} */
    requests: [],
    /** Set while client-callable code (a GlideAjax call) runs. */
    clientCallable: false,
    /** Async business rules waiting for the transaction to end. */
    asyncQueue: [],
    /** @type {Record<string, Record<string, (user: any, row: any) => boolean>>} */
    platformAcls: platformAcls(),
    /** Rows ACLs refused to secure reads, for tests to inspect. */
    refused: [],
    /** gs.isInteractive(): a user's browser session (false in a scheduled job). */
    interactive: true,
    /** Tables this instance does not have (a plugin not installed). */
    missingTables: new Set(),
    /** gs.eventQueue calls: { name, table, sys_id, parm1, parm2 }. */
    events: [],
}

/** The app's Fluent definitions (Acl, Table, Role, BusinessRule, ...), set by app.mjs. */
let definitions = null

/** @param {any[]} defs */
export function installDefinitions(defs) {
    definitions = defs
}

function defs(kind) {
    if (!definitions) throw new Error('shim: the Fluent definitions are not loaded (import test/support/app.mjs, or run with register.mjs)')
    return definitions.filter((d) => d.kind === kind)
}

export function reset() {
    state.tables = {}
    // The tests' backends listen on http://127.0.0.1, like the local stack: the
    // development property that allows http is on (tests of the https rule turn it off).
    state.properties = { 'glide.servlet.uri': 'https://pieshop.service-now.com/', 'x_litmo_litmos_int.allow_http_backend': 'true' }
    state.user = ADMIN_USER()
    state.messages = []
    state.logs = []
    state.requests = []
    state.clientCallable = false
    state.asyncQueue = []
    state.platformAcls = platformAcls()
    state.refused = []
    state.interactive = true
    state.missingTables = new Set()
    state.events = []
}
reset()

export function newSysId() {
    return randomUUID().replace(/-/g, '')
}

function nowValue() {
    return new Date().toISOString().slice(0, 19).replace('T', ' ')
}

const roleName = (r) => (typeof r === 'string' ? r : r && r.name)

/** The user's roles with every role they contain (Fluent Role containsRoles). */
export function effectiveRoles(user = state.user) {
    const all = new Set(user.roles)
    let grew = true
    while (grew) {
        grew = false
        for (const role of defs('Role')) {
            if (!all.has(role.name)) continue
            for (const inner of role.containsRoles || role.contains_roles || []) {
                const name = roleName(inner)
                if (!all.has(name)) {
                    all.add(name)
                    grew = true
                }
            }
        }
    }
    return all
}

function userHasRole(role, user = state.user) {
    const roles = effectiveRoles(user)
    return roles.has('admin') || roles.has(role)
}

/**
 * Does an ACL let the current user do `operation` on `name`?
 * App tables and the client-callable script include: the app's Fluent ACLs (any
 * matching ACL passing is enough; none matching refuses; `admin` overrides, as on the
 * platform). Global tables: the platform model above.
 * @param {string} type 'record' or 'client_callable_script_include'
 * @param {string} name table or script include API name
 * @param {string} operation
 * @param {Record<string, any>} [row]
 */
export function aclAllows(type, name, operation, row = {}) {
    const user = state.user
    if (type === 'record' && !name.startsWith(SCOPE_PREFIX)) {
        const model = state.platformAcls[name]
        if (!model) throw new Error(`shim: no ACL model for the platform table ${name}`)
        return effectiveRoles(user).has('admin') || model[operation](user, row)
    }
    const matching = defs('Acl').filter(
        (a) => a.type === type && (a.table || a.name) === name && a.operation === operation && !a.field,
    )
    if (matching.length === 0) return effectiveRoles(user).has('admin')
    return matching.some((a) => {
        if (a.script || a.condition) throw new Error(`shim: ACL ${a.$id} has a script or condition the shim does not evaluate`)
        const roles = (a.roles || []).map(roleName)
        if (roles.length === 0) return true
        if (a.adminOverrides !== false && effectiveRoles(user).has('admin')) return true
        return roles.some((r) => effectiveRoles(user).has(r))
    })
}

/** The Fluent Table definition of a table, if the app declares it. */
function tableDefinition(table) {
    return definitions ? definitions.find((d) => d.kind === 'Table' && d.name === table) : undefined
}

/** Password2 columns of platform tables the app writes. */
const PLATFORM_PASSWORD2 = new Set(['api_key_credentials.api_key'])
/**
 * Platform tables the app's code may touch only with a declared cross-scope privilege
 * (CrossScopePrivilege in Fluent): operation by GlideRecord method.
 */
const PRIVILEGED_TABLES = new Set(['api_key_credentials', 'http_connection', 'sys_ui_related_list', 'sys_ui_related_list_entry'])

function requirePrivilege(table, operation) {
    if (!PRIVILEGED_TABLES.has(table)) return
    const declared = definitions && defs('CrossScopePrivilege').some((p) => p.targetName === table && p.operation === operation && p.status === 'allowed')
    if (!declared) throw new Error(`shim: ${operation} on ${table} needs a declared cross-scope privilege`)
}

function isPassword2(table, field) {
    if (PLATFORM_PASSWORD2.has(`${table}.${field}`)) return true
    const t = tableDefinition(table)
    const column = t && t.schema && t.schema[field]
    return !!column && column.column === 'Password2Column'
}

const CIPHER = 'shim-enc:'
const encrypt = (text) => CIPHER + Buffer.from(String(text), 'utf8').toString('base64')
const decrypt = (stored) => (String(stored).startsWith(CIPHER) ? Buffer.from(String(stored).slice(CIPHER.length), 'base64').toString('utf8') : '')

/** The unique columns of an app table (column `unique: true` or a unique index). */
function uniqueColumns(table) {
    const t = tableDefinition(table)
    if (!t) return []
    const cols = Object.entries(t.schema || {}).filter(([, c]) => c.unique).map(([n]) => n)
    for (const i of t.index || []) if (i.unique) cols.push(i.element)
    return [...new Set(cols)]
}

export const gs = {
    getProperty(key, alt) {
        if (Object.prototype.hasOwnProperty.call(state.properties, key)) return state.properties[key]
        // The app's own properties have the value its Fluent Property gives them on install.
        const declared = definitions && defs('Property').find((p) => p.name === key)
        if (declared && declared.value !== undefined) return String(declared.value)
        return alt === undefined ? null : alt
    },
    setProperty(key, value) {
        state.properties[key] = String(value)
    },
    info: (m) => state.logs.push({ level: 'info', message: String(m) }),
    warn: (m) => state.logs.push({ level: 'warn', message: String(m) }),
    error: (m) => state.logs.push({ level: 'error', message: String(m) }),
    debug: (m) => state.logs.push({ level: 'debug', message: String(m) }),
    addInfoMessage: (m) => state.messages.push({ level: 'info', message: String(m) }),
    addErrorMessage: (m) => state.messages.push({ level: 'error', message: String(m) }),
    /** The message as the English translation: the key, with {0}, {1}, ... filled in. */
    getMessage(key, args) {
        const list = args === undefined || args === null ? [] : Array.isArray(args) ? args : [args]
        return String(key).replace(/\{(\d+)\}/g, (m, i) => (Number(i) < list.length ? String(list[Number(i)]) : m))
    },
    getUser() {
        const u = state.user
        // The profile as stored, when the user has a sys_user row (they may edit it).
        const row = () => (state.tables.sys_user || []).find((r) => r.sys_id === u.sys_id) || u
        return { getEmail: () => row().email || '', getName: () => row().user_name || '', getID: () => u.sys_id }
    },
    getUserID: () => state.user.sys_id,
    getUserName: () => state.user.user_name,
    hasRole: (role) => userHasRole(role),
    isInteractive: () => state.interactive,
    /** Queues an event; only registered events (sysevent_register in Fluent) are accepted, as the platform logs others away. */
    eventQueue(name, record, parm1, parm2) {
        const registered = definitions && defs('Record').some((r) => r.table === 'sysevent_register' && r.data.event_name === name)
        if (!registered) throw new Error(`shim: event ${name} is not registered (sysevent_register)`)
        state.events.push({ name, table: record.getTableName(), sys_id: record.getUniqueValue(), parm1: parm1 == null ? '' : String(parm1), parm2: parm2 == null ? '' : String(parm2) })
    },
}

export class GlideDateTime {
    constructor(value) {
        this.value = value || nowValue()
    }
    getValue() {
        return this.value
    }
}

export class GlideDigest {
    getSHA256Hex(text) {
        return createHash('sha256').update(String(text), 'utf8').digest('hex').toUpperCase()
    }
    getMD5Hex(text) {
        return createHash('md5').update(String(text), 'utf8').digest('hex').toUpperCase()
    }
}

function compare(a, op, b) {
    const x = a == null ? '' : String(a)
    const y = b == null ? '' : String(b)
    switch (op) {
        case '=':
            return x === y
        case '!=':
            return x !== y
        case 'IN':
            return y.split(',').includes(x)
        case '<=':
            return x <= y
        case '>=':
            return x >= y
        case 'ISEMPTY':
            return x === ''
        case 'ISNOTEMPTY':
            return x !== ''
        default:
            throw new Error(`shim: unsupported operator ${op}`)
    }
}

class Element {
    constructor(record, field) {
        this.record = record
        this.field = field
    }
    getValue() {
        return this.record.getValue(this.field)
    }
    getDecryptedValue() {
        if (!isPassword2(this.record._table, this.field)) return this.record.getValue(this.field)
        const stored = this.record._row ? this.record._row[this.field] : ''
        return stored ? decrypt(stored) : ''
    }
    changes() {
        const before = this.record._original ? this.record._original[this.field] : undefined
        const after = this.record._row ? this.record._row[this.field] : undefined
        return (before == null ? '' : String(before)) !== (after == null ? '' : String(after))
    }
    changesTo(value) {
        return this.changes() && String(this.getValue() || '') === String(value)
    }
    nil() {
        const v = this.getValue()
        return v === null || v === ''
    }
    toString() {
        return this.getValue() || ''
    }
}

/**
 * `current` as a script or condition sees it: fields are properties (current.category),
 * methods stay methods.
 * @param {GlideRecord} gr
 */
export function scriptable(gr) {
    return new Proxy(gr, {
        get(target, key) {
            if (typeof key !== 'string' || key in target || key.startsWith('_')) {
                const v = target[key]
                return typeof v === 'function' ? v.bind(target) : v
            }
            return target.getElement(key)
        },
    })
}

/**
 * Evaluates a Fluent condition string the way the platform does (as JavaScript with
 * `current`, `previous` and `gs`).
 */
export function evaluateCondition(condition, current, previous) {
    if (!condition) return true
    // eslint-disable-next-line no-new-func
    return !!new Function('current', 'previous', 'gs', `return (${condition});`)(scriptable(current), previous && scriptable(previous), gs)
}

export class GlideRecord {
    constructor(table) {
        this._table = table
        this._conditions = []
        this._orders = []
        this._limit = Infinity
        this._results = null
        this._index = -1
        this._row = null
        this._original = null
        this._workflow = true
        this._abort = false
        this._operation = ''
        this._secure = false
    }
    _rows() {
        return (state.tables[this._table] ||= [])
    }
    /** Plain GlideRecord in client-callable code: only the app's system tables. */
    _guard() {
        if (!this._secure && state.clientCallable && !SYSTEM_TABLES.has(this._table)) {
            throw new Error(`shim: plain GlideRecord('${this._table}') in client-callable code; use GlideRecordSecure so the agent's ACLs apply`)
        }
    }
    getTableName() {
        return this._table
    }
    /** Whether the table exists on the instance (tests remove one: state.missingTables). */
    isValid() {
        return !state.missingTables.has(this._table)
    }
    initialize() {
        this._row = {}
        this._original = null
        this._operation = 'insert'
    }
    newRecord() {
        this.initialize()
    }
    addQuery(field, op, value) {
        if (arguments.length === 2) [op, value] = ['=', op]
        this._conditions.push({ field, op, value })
        return this
    }
    /** The operators this app's encoded queries use: =, !=, IN, ISEMPTY, ISNOTEMPTY. */
    addEncodedQuery(encoded) {
        for (const term of String(encoded || '').split('^').filter(Boolean)) {
            let m
            if ((m = /^ORDERBY(DESC)?(\w+)$/.exec(term))) this._orders.push({ field: m[2], desc: !!m[1] })
            else if ((m = /^(\w+)(ISEMPTY|ISNOTEMPTY)$/.exec(term))) this._conditions.push({ field: m[1], op: m[2], value: '' })
            else if ((m = /^(\w+)(!=|=|IN)(.*)$/.exec(term))) this._conditions.push({ field: m[1], op: m[2], value: m[3] })
            else throw new Error(`shim: unsupported encoded query term ${term}`)
        }
        return this
    }
    addActiveQuery() {
        return this.addQuery('active', 'true')
    }
    orderBy(field) {
        this._orders.push({ field, desc: false })
    }
    orderByDesc(field) {
        this._orders.push({ field, desc: true })
    }
    setLimit(n) {
        this._limit = n
    }
    setWorkflow(on) {
        this._workflow = !!on
    }
    _visible(row) {
        if (!this._secure) return true
        if (aclAllows('record', this._table, 'read', row)) return true
        state.refused.push({ table: this._table, sys_id: row.sys_id, operation: 'read' })
        return false
    }
    /** Before-query business rules (Fluent action 'query'): they may add conditions. */
    _queryRules() {
        if (!this._workflow || !definitions) return
        const rules = defs('BusinessRule')
            .filter((r) => r.table === this._table && r.when === 'before' && r.active !== false && (r.action || []).includes('query'))
            .sort((x, y) => (x.order || 100) - (y.order || 100))
        for (const rule of rules) {
            if (evaluateCondition(rule.condition, this, null)) rule.script(scriptable(this), null)
        }
    }
    _matches(r) {
        return this._conditions.every((c) => compare(normalize(r[c.field]), c.op, normalize(c.value)))
    }
    query() {
        this._guard()
        requirePrivilege(this._table, 'read')
        this._queryRules()
        let rows = this._rows().filter((r) => this._matches(r))
        rows = rows.filter((r) => this._visible(r))
        for (const o of [...this._orders].reverse()) {
            rows = [...rows].sort((a, b) => String(a[o.field] ?? '').localeCompare(String(b[o.field] ?? '')) * (o.desc ? -1 : 1))
        }
        this._results = rows.slice(0, this._limit)
        this._index = -1
    }
    hasNext() {
        return this._results !== null && this._index + 1 < this._results.length
    }
    next() {
        if (!this.hasNext()) return false
        this._index++
        this._load(this._results[this._index])
        return true
    }
    getRowCount() {
        return this._results ? this._results.length : 0
    }
    get(field, value) {
        this._guard()
        if (arguments.length === 1) [field, value] = ['sys_id', field]
        this._queryRules() // the platform runs before-query rules for get() too
        const row = this._rows().find((r) => normalize(r[field]) === normalize(value) && this._matches(r))
        if (!row || !this._visible(row)) return false
        this._load(row)
        return true
    }
    _load(row) {
        this._row = { ...row }
        this._original = { ...row }
        this._operation = 'update'
    }
    isValidRecord() {
        return !!this._row
    }
    isNewRecord() {
        return this._operation === 'insert'
    }
    operation() {
        return this._operation
    }
    getUniqueValue() {
        if (this._row && !this._row.sys_id) this._row.sys_id = newSysId()
        return this._row ? this._row.sys_id : null
    }
    getValue(field) {
        if (!this._row) return null
        const v = this._row[field]
        return v === undefined || v === null || v === '' ? null : String(v)
    }
    getDisplayValue(field) {
        return this.getValue(field || 'sys_id')
    }
    setValue(field, value) {
        if (!this._row) this.initialize()
        const text = value === null || value === undefined ? '' : String(value)
        this._row[field] = text && isPassword2(this._table, field) ? encrypt(text) : text
    }
    getElement(field) {
        return new Element(this, field)
    }
    setAbortAction(abort) {
        this._abort = !!abort
    }
    canRead() {
        return aclAllows('record', this._table, 'read', this._row || {})
    }
    canWrite() {
        return aclAllows('record', this._table, 'write', this._row || {})
    }
    canCreate() {
        return aclAllows('record', this._table, 'create', this._row || {})
    }
    canDelete() {
        return aclAllows('record', this._table, 'delete', this._row || {})
    }
    /** The app's Fluent business rules on this table for `when`, with their conditions. */
    _run(when, previous) {
        if (!this._workflow) return
        const op = this._operation
        const rules = (definitions ? defs('BusinessRule') : [])
            .filter((r) => r.table === this._table && r.when === when && r.active !== false && (r.action || []).includes(op))
            .sort((x, y) => (x.order || 100) - (y.order || 100))
        for (const rule of rules) {
            if (!evaluateCondition(rule.condition, this, previous)) continue
            if (when === 'async') {
                // The platform runs it later, in its own transaction, on the saved record.
                const copy = new GlideRecord(this._table)
                copy._load(this._row)
                copy._operation = op
                state.asyncQueue.push({ rule, current: copy })
            } else {
                rule.script(scriptable(this), previous && scriptable(previous))
            }
        }
    }
    _previous() {
        if (!this._original) return null
        const p = new GlideRecord(this._table)
        p._load(this._original)
        return p
    }
    _store(isInsert) {
        const journal = {}
        for (const f of JOURNAL_FIELDS) {
            if (this._row[f]) journal[f] = this._row[f]
            delete this._row[f]
        }
        const rows = this._rows()
        const now = nowValue()
        if (isInsert) {
            this._row.sys_id ||= newSysId()
            this._row.sys_created_on = now
        }
        this._row.sys_updated_on = now
        for (const col of uniqueColumns(this._table)) {
            const value = normalize(this._row[col])
            if (value && rows.some((r) => r.sys_id !== this._row.sys_id && normalize(r[col]) === value)) {
                state.logs.push({ level: 'error', message: `Unique Key violation detected by database (${this._table}.${col})` })
                return null
            }
        }
        let stored = rows.find((r) => r.sys_id === this._row.sys_id)
        if (!stored) rows.push((stored = {}))
        for (const [f, text] of Object.entries(journal)) {
            ;(stored[`${f}_journal`] ||= []).push({ value: text, by: state.user.user_name, at: now })
        }
        Object.assign(stored, this._row)
        this._row = { ...stored }
        return stored.sys_id
    }
    _saved(previous) {
        this._run('after', previous)
        this._run('async', previous)
        this._original = { ...this._row }
        this._operation = 'update'
    }
    insert() {
        this._guard()
        if (!this._seeding) requirePrivilege(this._table, 'create')
        if (!this._row) this.initialize()
        if (this._secure && !this.canCreate()) {
            state.refused.push({ table: this._table, operation: 'create' })
            return null
        }
        this._operation = 'insert'
        this._abort = false
        this._run('before', null)
        if (this._abort) return null
        const id = this._store(true)
        if (!id) return null
        this._saved(null)
        return id
    }
    update() {
        this._guard()
        if (!this._row) return null
        if (this._original) requirePrivilege(this._table, 'write')
        if (!this._original) return this.insert()
        if (this._secure && !aclAllows('record', this._table, 'write', this._original)) {
            state.refused.push({ table: this._table, sys_id: this._original.sys_id, operation: 'write' })
            return null
        }
        const previous = this._previous()
        this._operation = 'update'
        this._abort = false
        this._run('before', previous)
        if (this._abort) return null
        const id = this._store(false)
        if (!id) return null
        this._saved(previous)
        return id
    }
    deleteRecord() {
        this._guard()
        if (this._secure && !aclAllows('record', this._table, 'delete', this._row || {})) {
            state.refused.push({ table: this._table, operation: 'delete' })
            return false
        }
        const rows = this._rows()
        const i = rows.findIndex((r) => r.sys_id === (this._row && this._row.sys_id))
        if (i >= 0) rows.splice(i, 1)
        return i >= 0
    }
}

/** GlideRecord that applies the current user's ACLs, as on the platform. */
export class GlideRecordSecure extends GlideRecord {
    constructor(table) {
        super(table)
        this._secure = true
    }
}

/** Runs the async business rules the finished transactions queued. */
export function runAsyncRules() {
    const results = []
    while (state.asyncQueue.length) {
        const { rule, current } = state.asyncQueue.shift()
        results.push(rule.script(scriptable(current), null))
    }
    return results
}

function normalize(v) {
    if (v === true) return 'true'
    if (v === false) return 'false'
    return v == null ? '' : String(v)
}

/** What an HTTP call came back with, as RESTResponseV2 shows it. */
class RESTResponseV2 {
    constructor(answer) {
        this.answer = answer
    }
    getStatusCode() {
        return this.answer.status
    }
    getBody() {
        return this.answer.body || ''
    }
    getHeader(name) {
        const headers = this.answer.headers || {}
        return headers[String(name).toLowerCase()] || null
    }
    getHeaders() {
        return { ...(this.answer.headers || {}) }
    }
    haveError() {
        return !this.answer.status || this.answer.status >= 400
    }
    getErrorMessage() {
        return this.answer.error || ''
    }
    getErrorCode() {
        return this.answer.status ? 0 : 1
    }
}

export class RESTMessageV2 {
    constructor() {
        this.method = 'get'
        this.endpoint = ''
        this.headers = {}
        this.body = undefined
        this.timeoutMs = 60000
    }
    setHttpMethod(m) {
        this.method = String(m).toLowerCase()
    }
    setEndpoint(url) {
        this.endpoint = url
    }
    setRequestHeader(name, value) {
        this.headers[name] = String(value)
    }
    setRequestBody(body) {
        this.body = body
    }
    setHttpTimeout(ms) {
        this.timeoutMs = ms
    }
    execute() {
        const req = { method: this.method.toUpperCase(), url: this.endpoint, headers: this.headers, body: this.body, timeoutMs: this.timeoutMs }
        state.requests.push(req)
        const out = execFileSync(process.execPath, [httpChild], {
            input: JSON.stringify(req),
            encoding: 'utf8',
            timeout: this.timeoutMs + 10000,
        })
        const answer = JSON.parse(out)
        if (answer.refused) {
            // The platform's execute() throws when nothing accepts the connection.
            throw new Error(`com.glide.rest.util.RESTRuntimeException: java.net.ConnectException: ${answer.error}`)
        }
        return new RESTResponseV2(answer)
    }
}

export const sn_ws = { RESTMessageV2 }

/**
 * sn_cc.ConnectionInfoProvider: an alias's active HTTP connection and its credential.
 * Credential password2 attributes come decrypted, as on the platform; nothing else
 * reads them.
 */
class ConnectionInfoProvider {
    getConnectionInfo(aliasSysId) {
        const connection = (state.tables.http_connection || []).find((r) => r.connection_alias === aliasSysId && normalize(r.active) !== 'false')
        if (!connection) return null
        const credential = (state.tables.api_key_credentials || []).find((r) => r.sys_id === connection.credential)
        return {
            getAttribute: (name) => (connection[name] == null ? null : String(connection[name])),
            getCredentialAttribute: (name) => {
                if (!credential || credential[name] == null) return null
                return isPassword2('api_key_credentials', name) ? decrypt(credential[name]) : String(credential[name])
            },
        }
    }
}
export const sn_cc = { ConnectionInfoProvider }

/** Rows of a table (the live objects). */
export function rows(table) {
    return (state.tables[table] ||= [])
}

/** Inserts a row without running business rules; returns its sys_id. */
export function seed(table, values) {
    const gr = new GlideRecord(table)
    gr.initialize()
    for (const [k, v] of Object.entries(values)) gr.setValue(k, v)
    gr.setWorkflow(false)
    gr._seeding = true
    return gr.insert()
}

/**
 * Acts as a (new) user from now on: their sys_user row is created, so that what they
 * change on their own profile is what gs.getUser() then answers.
 * @param {{ user_name: string, email?: string, roles?: string[] }} user
 */
export function actAs({ user_name, email = '', roles = [] }) {
    const sys_id = seed('sys_user', { user_name, email })
    state.user = { sys_id, user_name, email, roles }
    return sys_id
}

/**
 * Opens a record's form as the platform does: the record is read (as the user, with
 * ACLs) and the table's display business rules run. Returns the messages they added.
 */
export function openForm(table, sysId) {
    const before = state.messages.length
    const gr = new GlideRecordSecure(table)
    if (!gr.get(sysId)) return null
    gr._run('display', null)
    return state.messages.slice(before)
}
