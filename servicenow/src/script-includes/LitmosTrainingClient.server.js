/**
 * LitmosTrainingClient: the one way this app talks to the Litmos Training backend.
 *
 * Every HTTP call of the app goes through `request()` below: it adds the
 * `Authorization: Bearer <ServiceNow API key>` header (the key is read here, on the
 * server, from the app's Connection & Credential alias and never leaves it), `X-Agent` when an agent
 * acts, JSON in and out, the timeout, and it turns the backend's RFC 9457
 * `application/problem+json` errors into one readable sentence. It never throws for
 * an HTTP outcome: it answers `{ ok, status, data }` or `{ ok: false, status, message,
 * problem, unreachable }`.
 *
 * Classic script include (Class.create): Glide APIs are globals here.
 */
var LitmosTrainingClient = Class.create()

LitmosTrainingClient.CONFIG_TABLE = 'x_litmo_litmos_int_configuration'
LitmosTrainingClient.TIMEOUT_PROPERTY = 'x_litmo_litmos_int.http_timeout_ms'
LitmosTrainingClient.DEFAULT_TIMEOUT_MS = 10000
LitmosTrainingClient.UNREACHABLE = 'Litmos Training is not reachable, try again'
LitmosTrainingClient.NOT_CONFIGURED =
    'Litmos Training is not configured yet: an administrator must save the API key on Litmos Training > Configurations.'
LitmosTrainingClient.CLONED =
    'This instance ({0}) is not the one Litmos Training was activated on ({1}), so it does not call Litmos Training. An administrator can activate it with its own API key on Litmos Training > Configurations.'
/** sys_id of the Connection & Credential alias "Litmos Training" (alias-litmos in src/fluent/generated/keys.ts). */
// eslint-disable-next-line @admc.com/sn/no-sysid -- the record this app ships; test/unit/configuration.test.mjs checks it against keys.ts
LitmosTrainingClient.ALIAS_ID = '79530febdc2a4d888a59695602a3ea06'
LitmosTrainingClient.KEY_REFUSED =
    'Litmos Training refused the API key. In Litmos, open Accounts > Integrations, click the ServiceNow icon, copy the key again and save it on Litmos Training > Configurations.'

LitmosTrainingClient.prototype = {
    /**
     * @param {{ baseUrl?: string, apiKey?: string, timeoutMs?: number, sleep?: (ms: number) => void }} [options]
     *   baseUrl and apiKey are given only while the Configurations record is being
     *   saved (the key is checked before it is stored); otherwise the active
     *   Configurations record supplies them.
     */
    initialize: function (options) {
        var opts = options || {}
        var url = opts.baseUrl || ''
        var key = opts.apiKey || ''
        /** Why this client sends nothing (a clone), if it does not. */
        this.problem = ''
        if (!url || !key) {
            var saved = LitmosTrainingClient.readConfiguration()
            url = url || saved.baseUrl
            key = key || saved.apiKey
            this.problem = saved.problem
        }
        this.baseUrl = String(url || '').replace(/\/+$/, '')
        this.apiKey = String(key || '')
        var timeout = opts.timeoutMs || parseInt(gs.getProperty(LitmosTrainingClient.TIMEOUT_PROPERTY, ''), 10)
        this.timeoutMs = timeout > 0 ? timeout : LitmosTrainingClient.DEFAULT_TIMEOUT_MS
        /** Waits between attempts (tests give their own). */
        this.sleep = opts.sleep || LitmosTrainingClient.pause
    },

    /** @returns {boolean} */
    isConfigured: function () {
        return this.baseUrl !== '' && this.apiKey !== '' && !this.problem
    },

    // ---- the backend's ServiceNow routes (SPEC 3.2 and 3.4) ----

    /** @param {string} instanceUrl */
    activate: function (instanceUrl) {
        return this.request('POST', '/v1/servicenow/activate', { body: { instance_url: instanceUrl } })
    },

    configuration: function () {
        return this.request('GET', '/v1/servicenow/configuration', {})
    },

    /** @param {{ sys_id: string, user_name?: string, email?: string, first_name?: string, last_name?: string }} caller */
    upsertLearner: function (caller) {
        return this.request('POST', '/v1/servicenow/learners', { body: { caller: caller } })
    },

    /**
     * @param {string} agent
     * @param {{ [name: string]: string | number | undefined }} query search, name, code, sort, limit, offset
     */
    listCourses: function (agent, query) {
        return this.request('GET', '/v1/servicenow/courses', { agent: agent, query: query })
    },

    /**
     * One page of the whole catalog (active and inactive courses, id order).
     * @param {string} cursor empty for the first page
     * @param {number} limit 1..1000
     */
    catalog: function (cursor, limit) {
        return this.request('GET', '/v1/servicenow/catalog', { query: { cursor: cursor || undefined, limit: limit } })
    },

    /**
     * Which courses the agent may assign: { access_level, all, course_ids, notice? }.
     * @param {string} agent
     */
    assignableCourses: function (agent) {
        return this.request('GET', '/v1/servicenow/courses/assignable', { agent: agent })
    },

    /**
     * @param {string} agent
     * @param {{ learner_id: string, course_ids: string[], incident: { sys_id: string, number: string }, send_message: boolean }} body
     * @param {string} idempotencyKey
     */
    assignCourses: function (agent, body, idempotencyKey) {
        return this.request('POST', '/v1/servicenow/assignments', { agent: agent, body: body, idempotencyKey: idempotencyKey })
    },

    /**
     * The tenant's courses ranked for a category (GET /v1/servicenow/recommendations).
     * @param {string} category
     * @param {string} table incident or sn_customerservice_case
     */
    recommendations: function (category, table) {
        return this.request('GET', '/v1/servicenow/recommendations', { query: { category: category, table: table } })
    },

    /**
     * A record's training as the backend has it (GET /v1/servicenow/incidents/{sys_id}/training).
     * @param {string} sysId
     */
    recordTraining: function (sysId) {
        return this.request('GET', '/v1/servicenow/incidents/' + encodeURIComponent(sysId) + '/training', {})
    },

    /** @param {{ sys_id: string, number: string, caller_sys_id: string, opened_at: string, category?: string }} incident */
    recordIncident: function (incident) {
        return this.request('POST', '/v1/servicenow/incidents', { body: incident })
    },

    /**
     * @param {string} cursor empty for "from the start"
     * @param {number} limit
     */
    trainingUpdates: function (cursor, limit) {
        return this.request('GET', '/v1/servicenow/training/updates', { query: { cursor: cursor || undefined, limit: limit } })
    },

    // ---- the one HTTP path ----

    /**
     * One call to the backend. 429, 502, 503 and 504 are tried again, at most
     * MAX_ATTEMPTS times in all, after a jittered exponential pause or the answer's
     * Retry-After when that is sooner than MAX_WAIT_MS (a longer Retry-After is not
     * waited for: the agent gets the answer now). Every route the app calls is safe to
     * repeat (SPEC 3.2: learners and incidents are upserts, assignments carry an
     * Idempotency-Key). No answer at all (timeout, refused connection) is not retried:
     * the agent already waited the whole timeout.
     * @param {string} method
     * @param {string} path
     * @param {{ query?: { [name: string]: string | number | undefined }, body?: any, agent?: string, idempotencyKey?: string }} opts
     * @returns {LitmosResult}
     */
    request: function (method, path, opts) {
        if (this.problem) return { ok: false, status: 0, message: this.problem, unreachable: false, notConfigured: true }
        if (!this.isConfigured()) {
            return { ok: false, status: 0, message: gs.getMessage(LitmosTrainingClient.NOT_CONFIGURED), unreachable: false, notConfigured: true }
        }
        var urlProblem = LitmosTrainingClient.urlProblem(this.baseUrl)
        if (urlProblem) return { ok: false, status: 0, message: urlProblem, unreachable: false, notConfigured: true }
        var result = this._once(method, path, opts)
        for (var attempt = 1; attempt < LitmosTrainingClient.MAX_ATTEMPTS && result.retryAfterMs !== undefined; attempt++) {
            var wait = LitmosTrainingClient.backoffMs(attempt, result.retryAfterMs, Math.random())
            if (wait < 0) break
            this.sleep(wait)
            result = this._once(method, path, opts)
        }
        delete result.retryAfterMs
        return result
    },

    /**
     * @param {string} method
     * @param {string} path
     * @param {{ query?: { [name: string]: string | number | undefined }, body?: any, agent?: string, idempotencyKey?: string }} opts
     * @returns {any} a LitmosResult, with retryAfterMs (the server's wish, or null) when worth another try
     */
    _once: function (method, path, opts) {
        var rm = new sn_ws.RESTMessageV2()
        rm.setHttpMethod(method.toLowerCase())
        rm.setEndpoint(this.baseUrl + path + LitmosTrainingClient.queryString(opts.query))
        rm.setHttpTimeout(this.timeoutMs)
        rm.setRequestHeader('Authorization', 'Bearer ' + this.apiKey)
        rm.setRequestHeader('Accept', 'application/json, application/problem+json')
        if (opts.agent) rm.setRequestHeader('X-Agent', opts.agent)
        if (opts.idempotencyKey) rm.setRequestHeader('Idempotency-Key', opts.idempotencyKey)
        if (opts.body !== undefined) {
            rm.setRequestHeader('Content-Type', 'application/json')
            rm.setRequestBody(JSON.stringify(opts.body))
        }
        var response
        try {
            response = rm.execute()
        } catch (e) {
            gs.warn('Litmos Training: ' + method + ' ' + path + ' failed: ' + (e && e.message ? e.message : e))
            return { ok: false, status: 0, message: gs.getMessage(LitmosTrainingClient.UNREACHABLE), unreachable: true }
        }
        var status = response.getStatusCode()
        if (!status) {
            // No HTTP answer at all: timeout, refused connection, DNS.
            gs.warn('Litmos Training: ' + method + ' ' + path + ' got no answer: ' + response.getErrorMessage())
            return { ok: false, status: 0, message: gs.getMessage(LitmosTrainingClient.UNREACHABLE), unreachable: true }
        }
        var data = LitmosTrainingClient.parseJson(response.getBody() || '')
        if (status >= 200 && status < 300) {
            return { ok: true, status: status, data: data, replayed: response.getHeader('Idempotent-Replayed') === 'true' }
        }
        var result = {
            ok: false,
            status: status,
            message: LitmosTrainingClient.readableError(status, data),
            problem: data && typeof data === 'object' ? data : null,
            unreachable: status === 502 || status === 503 || status === 504,
        }
        if (LitmosTrainingClient.RETRIED.indexOf(status) >= 0) {
            result.retryAfterMs = LitmosTrainingClient.retryAfterMs(response.getHeader('Retry-After'))
        }
        return result
    },

    type: 'LitmosTrainingClient',
}

LitmosTrainingClient.MAX_ATTEMPTS = 3
LitmosTrainingClient.BASE_DELAY_MS = 250
LitmosTrainingClient.MAX_WAIT_MS = 4000
LitmosTrainingClient.RETRIED = [429, 502, 503, 504]
LitmosTrainingClient.ALLOW_HTTP_PROPERTY = 'x_litmo_litmos_int.allow_http_backend'

/**
 * How long to wait before attempt `attempt` + 1, or -1 for "do not wait, give up".
 * @param {number} attempt 1 for the first retry
 * @param {number | null} retryAfterMs what the server asked for, if anything
 * @param {number} random in [0, 1)
 */
LitmosTrainingClient.backoffMs = function (attempt, retryAfterMs, random) {
    if (retryAfterMs !== null && retryAfterMs !== undefined) {
        return retryAfterMs <= LitmosTrainingClient.MAX_WAIT_MS ? retryAfterMs : -1
    }
    var cap = Math.min(LitmosTrainingClient.MAX_WAIT_MS, LitmosTrainingClient.BASE_DELAY_MS * 2 ** attempt)
    return Math.floor(cap / 2 + (random * cap) / 2)
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable.
 * @param {string | null} header
 */
LitmosTrainingClient.retryAfterMs = function (header) {
    var text = String(header || '').trim()
    if (!text) return null
    if (/^\d+$/.test(text)) return parseInt(text, 10) * 1000
    var at = Date.parse(text)
    return isNaN(at) ? null : Math.max(0, at - new Date().getTime())
}

/**
 * Scoped scripts have no gs.sleep: wait on the clock, for at most MAX_WAIT_MS.
 * @param {number} ms
 */
LitmosTrainingClient.pause = function (ms) {
    var until = new Date().getTime() + Math.min(ms, LitmosTrainingClient.MAX_WAIT_MS)
    while (new Date().getTime() < until) {
        // waiting
    }
}

/**
 * '' when the backend URL may be used: https, or http only while the development
 * property x_litmo_litmos_int.allow_http_backend is true (the local stack).
 * @param {string} url
 */
LitmosTrainingClient.urlProblem = function (url) {
    if (/^https:\/\//i.test(url)) return ''
    if (/^http:\/\//i.test(url) && gs.getProperty(LitmosTrainingClient.ALLOW_HTTP_PROPERTY, 'false') === 'true') return ''
    return gs.getMessage('The Litmos Training URL must start with https://.')
}

/** @param {string} text */
LitmosTrainingClient.parseJson = function (text) {
    if (!text) return null
    try {
        return JSON.parse(text)
    } catch (dummy) {
        return null
    }
}

/**
 * One sentence for a person: the backend's `detail` word for word when it sent a
 * problem document; never a stack trace or an HTML page. Plain text: whoever shows it
 * as HTML escapes it.
 * @param {number} status
 * @param {any} problem
 */
LitmosTrainingClient.readableError = function (status, problem) {
    if (status === 401) return gs.getMessage(LitmosTrainingClient.KEY_REFUSED)
    var detail = problem && typeof problem === 'object' ? problem.detail || problem.title : ''
    if (detail && typeof detail === 'string') return detail
    if (status === 502 || status === 503 || status === 504) return gs.getMessage(LitmosTrainingClient.UNREACHABLE)
    return gs.getMessage('Litmos Training could not complete the request (HTTP {0}), try again.', [String(status)])
}

/** @param {{ [name: string]: string | number | undefined } | undefined} query */
LitmosTrainingClient.queryString = function (query) {
    if (!query) return ''
    var parts = []
    for (var name in query) {
        if (!Object.prototype.hasOwnProperty.call(query, name)) continue
        var value = query[name]
        if (value === undefined || value === null || value === '') continue
        parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(String(value)))
    }
    return parts.length ? '?' + parts.join('&') : ''
}

/**
 * The active configuration: the backend URL (Configurations record) and the key (the
 * API key credential of the app's Connection & Credential alias), server only. Nothing
 * when the integration is not active or this instance is not the one it was activated
 * on (a clone): `problem` then says why.
 */
LitmosTrainingClient.readConfiguration = function () {
    var none = { baseUrl: '', apiKey: '', problem: '' }
    var gr = new GlideRecord(LitmosTrainingClient.CONFIG_TABLE)
    gr.addQuery('active', true)
    gr.orderByDesc('sys_updated_on')
    gr.setLimit(1)
    gr.query()
    if (!gr.next() || gr.getValue('status') !== 'active') return none
    var activatedFor = String(gr.getValue('instance_url') || '')
    var here = String(gs.getProperty('glide.servlet.uri', '') || '').replace(/\/+$/, '')
    if (activatedFor && activatedFor !== here) {
        none.problem = gs.getMessage(LitmosTrainingClient.CLONED, [here, activatedFor])
        return none
    }
    // sn_cc.ConnectionInfoProvider as the ConnectionInfo API documents it (the typings
    // of @servicenow/glide 27 call the class ConnectionProvider).
    var Provider = /** @type {any} */ (sn_cc).ConnectionInfoProvider
    var info = new Provider().getConnectionInfo(LitmosTrainingClient.ALIAS_ID)
    var key = info ? info.getCredentialAttribute('api_key') : ''
    return { baseUrl: gr.getValue('backend_url') || '', apiKey: key || '', problem: '' }
}
