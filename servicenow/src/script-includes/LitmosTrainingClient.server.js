/**
 * LitmosTrainingClient: the one way this app talks to the Litmos Training backend.
 *
 * Every HTTP call of the app goes through `request()` below: it adds the
 * `Authorization: Bearer <ServiceNow API key>` header (the key is read here, on the
 * server, from the Configurations record and never leaves it), `X-Agent` when an agent
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
LitmosTrainingClient.KEY_REFUSED =
    'Litmos Training refused the API key. In Litmos, open Accounts > Integrations, click the ServiceNow icon, copy the key again and save it on Litmos Training > Configurations.'

LitmosTrainingClient.prototype = {
    /**
     * @param {{ baseUrl?: string, apiKey?: string, timeoutMs?: number }} [options]
     *   baseUrl and apiKey are given only while the Configurations record is being
     *   saved (the key is checked before it is stored); otherwise the active
     *   Configurations record supplies them.
     */
    initialize: function (options) {
        var opts = options || {}
        var url = opts.baseUrl || ''
        var key = opts.apiKey || ''
        if (!url || !key) {
            var saved = this._readConfiguration()
            url = url || saved.baseUrl
            key = key || saved.apiKey
        }
        this.baseUrl = String(url || '').replace(/\/+$/, '')
        this.apiKey = String(key || '')
        var timeout = opts.timeoutMs || parseInt(gs.getProperty(LitmosTrainingClient.TIMEOUT_PROPERTY, ''), 10)
        this.timeoutMs = timeout > 0 ? timeout : LitmosTrainingClient.DEFAULT_TIMEOUT_MS
    },

    /** @returns {boolean} */
    isConfigured: function () {
        return this.baseUrl !== '' && this.apiKey !== ''
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
     * @param {string} agent
     * @param {{ learner_id: string, course_ids: string[], incident: { sys_id: string, number: string }, send_message: boolean }} body
     * @param {string} idempotencyKey
     */
    assignCourses: function (agent, body, idempotencyKey) {
        return this.request('POST', '/v1/servicenow/assignments', { agent: agent, body: body, idempotencyKey: idempotencyKey })
    },

    /** @param {string} incidentSysId */
    incidentTraining: function (incidentSysId) {
        return this.request('GET', '/v1/servicenow/incidents/' + encodeURIComponent(incidentSysId) + '/training', {})
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
     * @param {string} method
     * @param {string} path
     * @param {{ query?: { [name: string]: string | number | undefined }, body?: any, agent?: string, idempotencyKey?: string }} opts
     * @returns {LitmosResult}
     */
    request: function (method, path, opts) {
        if (!this.isConfigured()) {
            return { ok: false, status: 0, message: gs.getMessage(LitmosTrainingClient.NOT_CONFIGURED), unreachable: false, notConfigured: true }
        }
        var rm = new sn_ws.RESTMessageV2()
        rm.setHttpMethod(method.toLowerCase())
        rm.setEndpoint(this.baseUrl + path + this._queryString(opts.query))
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
        var text = response.getBody() || ''
        var data = null
        try {
            data = text ? JSON.parse(text) : null
        } catch (e) {
            data = null
        }
        if (status >= 200 && status < 300) {
            return { ok: true, status: status, data: data, replayed: response.getHeader('Idempotent-Replayed') === 'true' }
        }
        return {
            ok: false,
            status: status,
            message: this._readableError(status, data),
            problem: data && typeof data === 'object' ? data : null,
            unreachable: status === 502 || status === 503 || status === 504,
        }
    },

    /**
     * One sentence for a person: the backend's `detail` word for word when it sent a
     * problem document; never a stack trace or an HTML page. Plain text: whoever shows
     * it as HTML escapes it.
     * @param {number} status
     * @param {any} problem
     */
    _readableError: function (status, problem) {
        if (status === 401) return gs.getMessage(LitmosTrainingClient.KEY_REFUSED)
        var detail = problem && typeof problem === 'object' ? problem.detail || problem.title : ''
        if (detail && typeof detail === 'string') return detail
        if (status === 502 || status === 503 || status === 504) return gs.getMessage(LitmosTrainingClient.UNREACHABLE)
        return gs.getMessage('Litmos Training could not complete the request (HTTP {0}), try again.', [String(status)])
    },

    /** @param {{ [name: string]: string | number | undefined } | undefined} query */
    _queryString: function (query) {
        if (!query) return ''
        var parts = []
        for (var name in query) {
            if (!Object.prototype.hasOwnProperty.call(query, name)) continue
            var value = query[name]
            if (value === undefined || value === null || value === '') continue
            parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(String(value)))
        }
        return parts.length ? '?' + parts.join('&') : ''
    },

    /** The active Configurations record: backend URL and the decrypted key (server only). */
    _readConfiguration: function () {
        var gr = new GlideRecord(LitmosTrainingClient.CONFIG_TABLE)
        gr.addQuery('active', true)
        gr.orderByDesc('sys_updated_on')
        gr.setLimit(1)
        gr.query()
        if (!gr.next()) return { baseUrl: '', apiKey: '' }
        return { baseUrl: gr.getValue('backend_url') || '', apiKey: gr.getElement('api_key').getDecryptedValue() || '' }
    },

    type: 'LitmosTrainingClient',
}
