// The app's browser code, executed: a small page on 127.0.0.1 that provides what a
// ServiceNow list or form gives client scripts (g_list, g_form, GlideAjax, GlideUI
// output messages, GlideModal, getMessage) and loads the app's client scripts as they
// are (the UI actions' scripts from the Fluent definitions, the course list's from
// src/ui/). GlideAjax posts to this server, which runs the client-callable script
// include in the Glide shim (callAjax: its ACL, GlideRecordSecure) against whatever
// backend the app is configured with. Headless Debian Chromium, driven by
// playwright-core; no browser download.
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { callAjax } from './scope.mjs'
import { GlideRecordSecure, state } from './glide.mjs'
import { declared } from './app.mjs'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const ARGS = [
    '--no-sandbox',
    '--headless',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
]

const root = new URL('../../', import.meta.url)

/** What a ServiceNow page gives client scripts, kept to what the app uses. */
const PLATFORM = `
window.__ajaxCalls = 0
function getMessage(key) { return key }
function GlideAjax(processor) { this.params = { sysparm_processor: processor } }
GlideAjax.prototype.addParam = function (name, value) { this.params[name] = String(value) }
GlideAjax.prototype.getXMLAnswer = function (callback) {
    window.__ajaxCalls++
    var body = new URLSearchParams(this.params).toString()
    fetch('/xmlhttp.do', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body })
        .then(function (r) { return r.json() })
        .then(function (r) { callback(r.answer) }, function () { callback(null) })
}
var GlideUI = { get: function () { return GlideUI._ui } }
GlideUI._ui = {
    clearOutputMessages: function () { document.getElementById('messages').innerHTML = '' },
    // The platform renders a message's msg as HTML.
    addOutputMessage: function (m) {
        var div = document.createElement('div')
        div.className = 'outputmsg outputmsg_' + m.type
        div.innerHTML = m.msg
        document.getElementById('messages').appendChild(div)
    },
}
function GlideModal(id, readOnly, width) { this.id = id; this.title = '' }
GlideModal.prototype.setTitle = function (t) { this.title = t }
GlideModal.prototype.renderWithContent = function (html) {
    var d = document.getElementById('modal')
    d.hidden = false
    d.querySelector('h2').textContent = this.title
    d.querySelector('.body').innerHTML = html
    window.__modals = (window.__modals || 0) + 1
}
GlideModal.prototype.destroy = function () {
    var d = document.getElementById('modal')
    d.hidden = true
    d.querySelector('.body').innerHTML = ''
}
// GlideURL, as list pages have it: the page's own URL and its parameters.
function GlideURL() { this.url = null }
GlideURL.prototype.setFromCurrent = function () { this.url = new URL(document.URL) }
GlideURL.prototype.getParam = function (name) { return this.url ? this.url.searchParams.get(name) : null }
window.alert = function (text) { (window.__alerts = window.__alerts || []).push(String(text)) }
`

/** A UI action's client script as the platform ships it (inline, or the file Now.include names). */
const scriptOf = (a) => (typeof a.script === 'string' ? a.script : readFileSync(new URL(a.script.include.replace('../', 'src/'), root), 'utf8'))

/**
 * A list page of the course table or of the Recommended list (its rows as the agent
 * sees them: GlideRecordSecure, the table's ACLs and before-query rule, and the URL's
 * sysparm_query), checkbox value = the row's sys_id (as g_list.getChecked() gives),
 * the table's list banner buttons, and "Assign Courses" among the list choices. Output
 * messages the query added (gs.addErrorMessage) show above the list.
 */
function listPage(table, url) {
    const actions = declared('UiAction').filter((a) => a.table === table && a.list && a.client && a.client.isClient)
    const choice = actions.find((a) => a.list.showListChoice)
    const banners = actions.filter((a) => a.list.showBannerButton)
    const before = state.messages.length
    /** @type {Record<string, any>[]} */
    let rows = []
    if (table === 'x_litmo_litmos_int_course') {
        // Every course row: what the agent may see of them is the catalog tests' part
        // (test/unit/catalog.test.mjs); these pages test what the client scripts do.
        rows = state.tables[table] || []
    } else {
        const gr = new GlideRecordSecure(table)
        const query = url.searchParams.get('sysparm_query')
        if (query) gr.addEncodedQuery(query)
        gr.query()
        while (gr.next()) rows.push({ ...gr._row })
    }
    const shown = state.messages.slice(before)
    const label = (r) => (table === 'x_litmo_litmos_int_course' ? r.course_id : `${r.rank}. ${r.course_id}`)
    return `<!doctype html><html><head><meta charset="utf-8"><title>${table}</title>
<script>${PLATFORM}
// What a workspace gives a page it shows with g_modal.showFrame: the page closes the
// frame with confirm(data) (the opener's callback gets true, data) or cancel(data).
var iframeMsgHelper = {
    confirm: function (data) { window.parent.postMessage({ __snModalFrame: 'confirm', data: data }, '*') },
    cancel: function (data) { window.parent.postMessage({ __snModalFrame: 'cancel', data: data }, '*') },
}
var g_list = {
    getTableName: function () { return '${table}' },
    getChecked: function () { return Array.prototype.filter.call(document.querySelectorAll('input.row'), function (c) { return c.checked }).map(function (c) { return c.value }).join(',') },
}
</script>
${[...new Set(actions.map(scriptOf))].map((x) => `<script>${x}</script>`).join('\n')}</head><body>
${banners.map((a) => `<button class="banner" id="${a.actionName}" onclick="${a.client.onClick}">${a.name}</button>`).join('\n')}
<div id="messages">${shown.map((m) => `<div class="outputmsg outputmsg_${m.level}">${m.message}</div>`).join('')}</div>
${rows.map((r) => `<label><input type="checkbox" class="row" data-course="${r.course_id}" value="${r.sys_id}"> ${label(r)}</label>`).join('\n')}
<button id="assign" onclick="${choice.client.onClick}">${choice.name}</button>
<div id="modal" hidden><h2></h2><div class="body"></div></div>
</body></html>`
}

/** g_form as a form gives it: the record, and form messages rendered as HTML, as the platform does. */
function formScript(table, sysId) {
    return `
var g_form = {
    getUniqueValue: function () { return '${sysId}' },
    getTableName: function () { return '${table}' },
    clearMessages: function () { document.getElementById('messages').innerHTML = '' },
    addInfoMessage: function (html) { g_form._add('info', html) },
    addErrorMessage: function (html) { g_form._add('error', html) },
    _add: function (type, html) {
        var div = document.createElement('div')
        div.className = 'outputmsg outputmsg_' + type
        div.innerHTML = html
        document.getElementById('messages').appendChild(div)
    },
}`
}

/** A record's form (incident or case): its client-side UI actions, an editable field, messages and the modal. */
function formPage(table, sysId) {
    const actions = declared('UiAction').filter((a) => a.table === table && a.client && a.client.isClient)
    const scripts = [...new Set(actions.map((a) => (typeof a.script === 'string' ? a.script : readFileSync(new URL(a.script.include.replace('../', 'src/'), root), 'utf8'))))]
    return `<!doctype html><html><head><meta charset="utf-8"><title>${table}</title>
<script>${PLATFORM}${formScript(table, sysId)}</script>
${scripts.map((x) => `<script>${x}</script>`).join('\n')}</head><body>
<input id="short_description" value="">
${actions.map((a) => `<a href="#" id="${a.actionName}" onclick="${a.client.onClick}; return false">${a.name}</a>`).join('\n')}
<div id="messages"></div>
<div id="modal" hidden><h2></h2><div class="body"></div></div>
</body></html>`
}

/**
 * A workspace record page: the UI action's workspace client script (clientScriptV2)
 * with a g_modal that records what it was asked to show and shows the frame.
 */
function workspacePage(table, sysId) {
    const action = declared('UiAction').find((a) => a.table === table && a.workspace && a.workspace.clientScriptV2)
    const script = readFileSync(new URL(action.workspace.clientScriptV2.include.replace('../', 'src/'), root), 'utf8')
    return `<!doctype html><html><head><meta charset="utf-8"><title>workspace</title>
<script>${PLATFORM}${formScript(table, sysId)}
window.__gModal = []
window.__gModalClosed = []
var g_modal = {
    showFrame: function (options) {
        var asked = JSON.parse(JSON.stringify(options))
        asked.hasCallback = typeof options.callback === 'function'
        window.__gModal.push(asked)
        var d = document.getElementById('modal')
        d.hidden = false
        d.querySelector('h2').textContent = options.title
        d.querySelector('.body').innerHTML = '<iframe src="' + options.url.replace(/"/g, '&quot;') + '" style="width:100%;height:400px"></iframe>'
        var frame = d.querySelector('iframe')
        function close(confirmed, data) {
            window.removeEventListener('message', onFrameMessage)
            d.querySelector('#modal_close').onclick = null
            d.hidden = true
            d.querySelector('.body').innerHTML = ''
            window.__gModalClosed.push(confirmed)
            if (typeof options.callback === 'function') options.callback(confirmed, data)
        }
        function onFrameMessage(event) {
            if (event.source !== frame.contentWindow || !event.data || !event.data.__snModalFrame) return
            close(event.data.__snModalFrame === 'confirm', event.data.data)
        }
        window.addEventListener('message', onFrameMessage)
        d.querySelector('#modal_close').onclick = function () { close(false, null) }
        return Promise.resolve()
    },
}
</script>
<script>${script}</script></head><body>
<button id="workspace_assign" onclick="onClick(g_form)">${action.name}</button>
<div id="messages"></div>
<div id="modal" hidden><h2></h2><button id="modal_close">Close</button><div class="body"></div></div>
</body></html>`
}

/**
 * Starts the page server and Chromium.
 * @returns {Promise<{ base: string, page: import('playwright-core').Page, errors: string[], ajax: { calls: number }, close(): Promise<void> }>}
 */
export async function openBrowser() {
    if (!existsSync(CHROMIUM)) {
        throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`)
    }
    const ajax = { calls: 0 }
    const server = createServer(async (req, res) => {
        const url = new URL(req.url, 'http://127.0.0.1')
        if (req.method === 'POST' && url.pathname === '/xmlhttp.do') {
            let body = ''
            for await (const chunk of req) body += chunk
            const params = Object.fromEntries(new URLSearchParams(body))
            ajax.calls++
            let answer = null
            try {
                answer = callAjax(params.sysparm_processor, params)
            } catch (e) {
                // The platform logs a processor's exception and answers nothing.
                ajax.lastError = String(e && e.message)
                answer = null
            }
            res.writeHead(200, { 'content-type': 'application/json' })
            return res.end(JSON.stringify({ answer }))
        }
        const record = url.searchParams.get('record') || url.searchParams.get('incident') || ''
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        if (url.pathname === '/x_litmo_litmos_int_course_list.do' || url.pathname === '/courses.html') return res.end(listPage('x_litmo_litmos_int_course', url))
        if (url.pathname === '/x_litmo_litmos_int_recommendation_list.do') return res.end(listPage('x_litmo_litmos_int_recommendation', url))
        if (url.pathname === '/incident.html') return res.end(formPage('incident', record))
        if (url.pathname === '/sn_customerservice_case.html') return res.end(formPage('sn_customerservice_case', record))
        if (url.pathname === '/workspace.html') return res.end(workspacePage(url.searchParams.get('table') || 'incident', record))
        return res.end(`<!doctype html><title>${url.pathname}</title><p id="landed">${url.pathname}${url.search}</p>`)
    })
    await new Promise((r) => server.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${server.address().port}`
    const profile = await mkdtemp(join(tmpdir(), 'sn-chromium-'))
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS })
    const page = context.pages()[0] || (await context.newPage())
    page.setDefaultTimeout(10000)
    const errors = []
    page.on('pageerror', (e) => errors.push(String(e)))
    const offsite = []
    context.on('request', (r) => {
        if (!r.url().startsWith(base)) offsite.push(r.url())
    })
    return {
        base,
        page,
        errors,
        ajax,
        offsite,
        async close() {
            await context.close()
            await new Promise((r) => server.close(r))
            await rm(profile, { recursive: true, force: true })
        },
    }
}
