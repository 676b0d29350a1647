// A small Glide shim for Node tests: enough of gs, GlideRecord, GlideDateTime,
// GlideDigest and sn_ws.RESTMessageV2 for this app's server code. RESTMessageV2 makes
// real HTTP requests (in a child process, so execute() is synchronous as on the
// platform). GlideRecord keeps rows in memory, runs the business rules a test
// registers, and keeps journal fields (work notes) as entries, like the platform.
import { execFileSync } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'

const httpChild = fileURLToPath(new URL('./http-child.mjs', import.meta.url))
const JOURNAL_FIELDS = new Set(['work_notes', 'comments'])

/** Everything a test can inspect or reset. */
export const state = {
    /** @type {Record<string, Record<string, any>[]>} */
    tables: {},
    /** @type {Record<string, string>} */
    properties: {},
    user: { sys_id: '6816f79cc0a8016401c5a33be04be441', user_name: 'admin', email: 'admin@pieshop.net', roles: ['admin'] },
    /** @type {{ level: string, message: string }[]} */
    messages: [],
    /** @type {{ level: string, message: string }[]} */
    logs: [],
    /** @type {{ table: string, when: 'before' | 'after', fn: (current: any, previous: any) => void }[]} */
    rules: [],
    /** @type {{ method: string, url: string, headers: Record<string, string>, body?: string, timeoutMs: number }[]} */
    requests: [],
}

export function reset() {
    state.tables = {}
    state.properties = { 'glide.servlet.uri': 'https://pieshop.service-now.com/' }
    state.user = { sys_id: '6816f79cc0a8016401c5a33be04be441', user_name: 'admin', email: 'admin@pieshop.net', roles: ['admin'] }
    state.messages = []
    state.logs = []
    state.rules = []
    state.requests = []
}
reset()

export function newSysId() {
    return randomUUID().replace(/-/g, '')
}

function nowValue() {
    return new Date().toISOString().slice(0, 19).replace('T', ' ')
}

export const gs = {
    getProperty(key, alt) {
        return Object.prototype.hasOwnProperty.call(state.properties, key) ? state.properties[key] : alt === undefined ? null : alt
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
    getUser() {
        const u = state.user
        return { getEmail: () => u.email || '', getName: () => u.user_name || '', getID: () => u.sys_id }
    },
    getUserID: () => state.user.sys_id,
    hasRole: (role) => state.user.roles.includes('admin') || state.user.roles.includes(role),
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
        return this.record.getValue(this.field) || ''
    }
    changes() {
        const before = this.record._original ? this.record._original[this.field] : undefined
        const after = this.record._row ? this.record._row[this.field] : undefined
        return (before == null ? '' : String(before)) !== (after == null ? '' : String(after))
    }
    nil() {
        const v = this.getValue()
        return v === null || v === ''
    }
    toString() {
        return this.getValue() || ''
    }
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
    }
    _rows() {
        return (state.tables[this._table] ||= [])
    }
    getTableName() {
        return this._table
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
    query() {
        let rows = this._rows().filter((r) => this._conditions.every((c) => compare(normalize(r[c.field]), c.op, normalize(c.value))))
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
        if (arguments.length === 1) [field, value] = ['sys_id', field]
        const row = this._rows().find((r) => normalize(r[field]) === normalize(value))
        if (!row) return false
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
    setValue(field, value) {
        if (!this._row) this.initialize()
        this._row[field] = value === null || value === undefined ? '' : typeof value === 'boolean' ? String(value) : String(value)
    }
    getElement(field) {
        return new Element(this, field)
    }
    setAbortAction(abort) {
        this._abort = !!abort
    }
    _run(when, previous) {
        if (!this._workflow) return
        for (const rule of state.rules.filter((r) => r.table === this._table && r.when === when)) rule.fn(this, previous)
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
        let stored = rows.find((r) => r.sys_id === this._row.sys_id)
        if (!stored) rows.push((stored = {}))
        for (const [f, text] of Object.entries(journal)) {
            ;(stored[`${f}_journal`] ||= []).push({ value: text, by: state.user.user_name, at: now })
        }
        Object.assign(stored, this._row)
        this._row = { ...stored }
        this._original = { ...stored }
        this._operation = 'update'
        return stored.sys_id
    }
    insert() {
        if (!this._row) this.initialize()
        this._operation = 'insert'
        this._abort = false
        this._run('before', null)
        if (this._abort) return null
        const id = this._store(true)
        this._run('after', null)
        return id
    }
    update() {
        if (!this._row) return null
        if (!this._original) return this.insert()
        const previous = this._previous()
        this._abort = false
        this._run('before', previous)
        if (this._abort) return null
        const id = this._store(false)
        this._run('after', previous)
        return id
    }
    deleteRecord() {
        const rows = this._rows()
        const i = rows.findIndex((r) => r.sys_id === (this._row && this._row.sys_id))
        if (i >= 0) rows.splice(i, 1)
        return i >= 0
    }
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
        return new RESTResponseV2(JSON.parse(out))
    }
}

export const sn_ws = { RESTMessageV2 }

/** Registers a business rule function, as the app's Fluent files do on the instance. */
export function addBusinessRule(table, when, fn) {
    state.rules.push({ table, when, fn })
}

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
    return gr.insert()
}
