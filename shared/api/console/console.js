// The admin console (issue 10): the Litmos Account Owner's page over the admin API.
// It talks only to this origin's /v1/admin/... routes with the admin token as a Bearer
// header; the token lives in sessionStorage (this tab) and nowhere else. The page's
// Content-Security-Policy allows no inline script or style, so every behaviour is
// here and every look is in console.css.

const TOKEN_KEY = 'litmos-admin-token'
const PAGE_SIZE = 100
const REGIONS = ['https://api.litmos.com/v1.svc', 'https://api.litmoseu.com/v1.svc', 'https://api.litmos.com.au/v1.svc']
const SVG_NS = 'http://www.w3.org/2000/svg'
const NETWORK_DETAIL = 'The service could not be reached. Check the connection, then retry.'

const $ = (id) => document.getElementById(id)

const state = {
    tenants: new Map(), // id -> TenantView, in list order
    nextCursor: null,
    selected: null, // tenant id being edited, or null when creating
    servicenow: null, // GET .../servicenow of the selected tenant
    keyShown: false,
}

// ---------------------------------------------------------------------------
// The admin API

const token = () => sessionStorage.getItem(TOKEN_KEY)

/** Thrown for every answer that is not 2xx, and for network failures (status 0). */
class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || `HTTP ${status}`)
        this.status = status
        this.problem = problem
    }
    get retryable() {
        return this.status === 0 || this.status >= 500
    }
}

/**
 * One admin API call. `path` is absolute on this origin (never another host).
 * Resolves to the parsed JSON body (or text for CSV, null for 204); rejects with ApiError.
 */
async function api(method, path, { body, accept = 'application/json', bearer = token() } = {}) {
    if (!path.startsWith('/v1/admin/')) throw new Error('the console only calls the admin API')
    const headers = { accept }
    if (bearer) headers.authorization = `Bearer ${bearer}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    let res
    try {
        res = await fetch(path, {
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
            credentials: 'omit',
            cache: 'no-store',
            redirect: 'error',
            referrerPolicy: 'no-referrer',
        })
    } catch {
        throw new ApiError(0, { detail: NETWORK_DETAIL })
    }
    const text = await res.text().catch(() => '')
    if (!res.ok) {
        let problem = {}
        try {
            problem = JSON.parse(text)
        } catch {
            // a gateway's HTML page or nothing at all
        }
        if (typeof problem.detail !== 'string' || !problem.detail) {
            problem = { ...problem, detail: res.status >= 500 ? `The service failed (HTTP ${res.status}). Retry shortly.` : `The request failed (HTTP ${res.status}).` }
        }
        const err = new ApiError(res.status, problem)
        if (res.status === 401 && bearer && bearer === token()) signedOutBy(err)
        throw err
    }
    if (res.status === 204 || !text) return null
    return accept === 'application/json' ? JSON.parse(text) : text
}

const tenantPath = (id, rest = '') => `/v1/admin/tenants/${encodeURIComponent(id)}${rest}`

// ---------------------------------------------------------------------------
// Errors next to what caused them, progress on the button that started it

function clearErrors(scope) {
    for (const el of scope.querySelectorAll('.error')) {
        el.replaceChildren()
        el.hidden = true
    }
    for (const el of scope.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid')
}

/** The detail beside a field: its `<id>-error` element, announced, and the field marked invalid. */
function showFieldError(input, text) {
    const el = $(`${input.id}-error`)
    el.textContent = text
    el.hidden = false
    input.setAttribute('aria-invalid', 'true')
}

/** An error beside a button; 5xx and network failures get a "Retry" that runs the action again. */
function showActionError(el, err, retry) {
    const msg = document.createElement('span')
    let text = err instanceof ApiError ? err.problem.detail : String(err.message || err)
    if (err instanceof ApiError && err.problem.request_id) text += ` (request id ${err.problem.request_id})`
    msg.textContent = text
    el.replaceChildren(msg)
    if (retry && err instanceof ApiError && err.retryable) {
        const again = document.createElement('button')
        again.type = 'button'
        again.className = 'secondary retry'
        again.textContent = 'Retry'
        again.addEventListener('click', () => {
            el.replaceChildren()
            el.hidden = true
            retry()
        })
        el.append(' ', again)
    }
    el.hidden = false
}

/**
 * Shows an API error where it belongs: beside the field the problem names (`fields`
 * maps dotted paths to inputs), else beside the action's button.
 */
function showError(err, { fields = {}, actionEl, retry }) {
    if (!(err instanceof ApiError)) {
        showActionError(actionEl, err, null)
        return
    }
    const field = err.problem.field
    const input = field && (typeof fields[field] === 'function' ? fields[field]() : fields[field])
    if (input) {
        showFieldError(input, err.problem.detail)
        input.focus()
    } else {
        showActionError(actionEl, err, retry)
    }
}

/**
 * Runs `work` with `button` disabled and showing `label` ("Saving…"), `region`
 * aria-busy; restores both whatever happens.
 */
async function withProgress(button, label, region, work) {
    const before = button.textContent
    button.disabled = true
    button.textContent = label
    button.setAttribute('aria-busy', 'true')
    region?.setAttribute('aria-busy', 'true')
    try {
        return await work()
    } finally {
        button.disabled = false
        button.textContent = before
        button.removeAttribute('aria-busy')
        region?.removeAttribute('aria-busy')
    }
}

// ---------------------------------------------------------------------------
// Formatting

/** `2026-05-14T10:03:12Z` -> a `<time>` reading "2026-05-14 10:03:12 UTC". */
function timeElement(iso) {
    if (!iso) {
        const none = document.createElement('span')
        none.className = 'muted'
        none.textContent = 'never'
        return none
    }
    const t = document.createElement('time')
    t.dateTime = iso
    const d = new Date(iso)
    t.textContent = Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`
    return t
}

/** 0.3333 -> "33.33%", null -> "n/a". */
function percent(rate) {
    if (rate === null || rate === undefined) return 'n/a'
    return `${Number((rate * 100).toFixed(2))}%`
}

const numberOrNa = (n) => (n === null || n === undefined ? 'n/a' : String(n))

function todayUtc() {
    return new Date().toISOString().slice(0, 10)
}

function daysBefore(date, days) {
    const d = new Date(`${date}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() - days)
    return d.toISOString().slice(0, 10)
}

// ---------------------------------------------------------------------------
// Sign in and out

function showSignedIn(signedIn) {
    $('sign-in').hidden = signedIn
    $('console').hidden = !signedIn
    $('session').hidden = !signedIn
}

function resetConsole() {
    state.tenants.clear()
    state.nextCursor = null
    state.selected = null
    state.servicenow = null
    state.keyShown = false
    $('tenant-list').replaceChildren()
    $('report-output').replaceChildren()
    renderServiceNow(null)
    startCreate()
}

/** A 401 while signed in: the token was changed or revoked; back to the sign-in form. */
function signedOutBy(err) {
    sessionStorage.removeItem(TOKEN_KEY)
    resetConsole()
    showSignedIn(false)
    clearErrors($('sign-in'))
    showFieldError($('admin-token'), err.problem.detail)
}

async function signIn(event) {
    event?.preventDefault()
    const form = $('sign-in-form')
    const input = $('admin-token')
    clearErrors(form)
    const candidate = input.value.trim()
    if (!candidate) {
        showFieldError(input, 'Enter the admin token.')
        input.focus()
        return
    }
    await withProgress($('sign-in-button'), 'Signing in…', form, async () => {
        try {
            const page = await api('GET', `/v1/admin/tenants?limit=${PAGE_SIZE}`, { bearer: candidate })
            sessionStorage.setItem(TOKEN_KEY, candidate)
            input.value = ''
            enterConsole(page)
        } catch (err) {
            if (err instanceof ApiError && err.status === 401) {
                showFieldError(input, err.problem.detail)
                input.focus()
            } else {
                showError(err, { actionEl: $('sign-in-action-error'), retry: () => signIn() })
            }
        }
    })
}

function enterConsole(page) {
    resetConsole()
    showSignedIn(true)
    addTenants(page)
    $('tenants-title').focus()
}

function signOut() {
    sessionStorage.removeItem(TOKEN_KEY)
    resetConsole()
    showSignedIn(false)
    clearErrors($('sign-in'))
    $('admin-token').focus()
}

/** A token kept from earlier in this tab: use it if it still works. */
async function resume() {
    if (!token()) {
        showSignedIn(false)
        return
    }
    try {
        enterConsole(await api('GET', `/v1/admin/tenants?limit=${PAGE_SIZE}`))
    } catch (err) {
        if (err.status !== 401) {
            showSignedIn(false)
            showError(err, { actionEl: $('sign-in-action-error'), retry: resume })
        }
    }
}

// ---------------------------------------------------------------------------
// Tenants: the list

function addTenants(page) {
    for (const t of page.tenants) state.tenants.set(t.id, t)
    state.nextCursor = page.next_cursor || null
    renderTenantList()
}

function renderTenantList() {
    const list = $('tenant-list')
    const items = [...state.tenants.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((t) => {
        const li = document.createElement('li')
        const b = document.createElement('button')
        b.type = 'button'
        b.className = 'tenant'
        b.dataset.id = t.id
        if (t.id === state.selected) b.setAttribute('aria-current', 'true')
        const name = document.createElement('span')
        name.className = 'tenant-name'
        name.textContent = t.name
        const id = document.createElement('span')
        id.className = 'tenant-id'
        id.textContent = t.id
        const sn = document.createElement('span')
        sn.className = t.servicenow?.enabled ? 'badge on' : 'badge off'
        sn.textContent = t.servicenow?.enabled ? 'ServiceNow on' : 'ServiceNow off'
        b.append(name, id, sn)
        b.addEventListener('click', () => selectTenant(t.id))
        li.append(b)
        return li
    })
    list.replaceChildren(...items)
    $('tenants-empty').hidden = state.tenants.size > 0
    $('load-more').hidden = !state.nextCursor
}

async function loadMore() {
    const el = $('load-more-error')
    clearErrors($('tenants'))
    await withProgress($('load-more'), 'Loading…', $('tenants'), async () => {
        try {
            addTenants(await api('GET', `/v1/admin/tenants?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(state.nextCursor)}`))
        } catch (err) {
            showError(err, { actionEl: el, retry: loadMore })
        }
    })
}

// ---------------------------------------------------------------------------
// Tenants: create or edit

const tenantFields = {
    tenant_id: () => $('tenant-id'),
    name: () => $('tenant-name'),
    'litmos.base_url': () => ($('litmos-region').value === 'custom' ? $('litmos-base-url') : $('litmos-region')),
    'litmos.api_key': () => $('litmos-key'),
    'litmos.source': () => $('litmos-source'),
    'litmos.send_welcome_email': () => $('welcome-email'),
}

function syncRegion() {
    const custom = $('litmos-region').value === 'custom'
    $('custom-url-field').hidden = !custom
}

function setRegionFrom(baseUrl) {
    const known = REGIONS.find((r) => r === baseUrl)
    $('litmos-region').value = known || 'custom'
    $('litmos-base-url').value = known ? '' : baseUrl
    syncRegion()
}

function setKeyHint(editing) {
    $('litmos-key-hint').textContent = editing
        ? 'Enter the key again to save changes. The API key of a Litmos Account Owner; it is checked with Litmos and never shown.'
        : 'The API key of a Litmos Account Owner. It is checked with Litmos and never shown again.'
}

function startCreate() {
    state.selected = null
    const form = $('tenant-form')
    form.reset()
    clearErrors($('tenant-editor'))
    $('tenant-status').textContent = ''
    $('tenant-form-title').textContent = 'New tenant'
    $('tenant-id-field').hidden = false
    $('tenant-id').disabled = false
    $('delete-tenant').hidden = true
    $('litmos-key').required = true
    setKeyHint(false)
    syncRegion()
    $('servicenow').hidden = true
    $('report').hidden = true
    renderTenantList()
}

function fillTenantForm(t) {
    const form = $('tenant-form')
    form.reset()
    clearErrors($('tenant-editor'))
    $('tenant-form-title').textContent = `Edit tenant ${t.id}`
    $('tenant-id').value = t.id
    $('tenant-id-field').hidden = true
    $('tenant-name').value = t.name
    setRegionFrom(t.litmos.base_url)
    $('litmos-key').value = '' // write-only: never filled from the API
    $('litmos-key').required = true
    setKeyHint(true)
    $('litmos-source').value = t.litmos.source
    $('welcome-email').checked = !!t.litmos.send_welcome_email
    $('delete-tenant').hidden = false
}

async function selectTenant(id) {
    state.selected = id
    state.keyShown = false
    const t = state.tenants.get(id)
    if (t) fillTenantForm(t)
    $('tenant-status').textContent = ''
    renderTenantList()
    $('servicenow').hidden = false
    $('report').hidden = false
    $('report-output').replaceChildren()
    $('report-status').textContent = ''
    clearErrors($('report'))
    renderServiceNow(null)
    await Promise.all([refreshTenant(id), loadServiceNow(id), loadReport()])
}

/** Reads the tenant again (its list entry may be stale). */
async function refreshTenant(id) {
    try {
        const t = await api('GET', tenantPath(id))
        if (state.selected !== id) return
        state.tenants.set(id, t)
        renderTenantList()
        const editing = document.activeElement && $('tenant-form').contains(document.activeElement)
        if (!editing) fillTenantForm(t)
    } catch (err) {
        if (state.selected === id) showError(err, { actionEl: $('tenant-action-error'), retry: () => refreshTenant(id) })
    }
}

function tenantInput() {
    const region = $('litmos-region').value
    return {
        name: $('tenant-name').value,
        litmos: {
            base_url: region === 'custom' ? $('litmos-base-url').value.trim() : region,
            api_key: $('litmos-key').value,
            source: $('litmos-source').value,
            send_welcome_email: $('welcome-email').checked,
        },
    }
}

async function saveTenant(event) {
    event?.preventDefault()
    const editor = $('tenant-editor')
    clearErrors(editor)
    $('tenant-status').textContent = ''
    const id = state.selected ?? $('tenant-id').value.trim()
    if (!id) {
        showFieldError($('tenant-id'), 'Enter a tenant id.')
        $('tenant-id').focus()
        return
    }
    if (!$('litmos-key').value) {
        showFieldError($('litmos-key'), state.selected ? 'Enter the Litmos API key again to save changes.' : 'Enter the Litmos API key.')
        $('litmos-key').focus()
        return
    }
    await withProgress($('save-tenant'), 'Saving…', $('tenant-form'), async () => {
        let view
        try {
            view = await api('PUT', tenantPath(id), { body: tenantInput() })
        } catch (err) {
            // Litmos refusing the key or the address is about those fields.
            if (err instanceof ApiError && err.status === 422 && !err.problem.field) {
                err.problem.field = /base URL|API not found/i.test(err.problem.detail) ? 'litmos.base_url' : 'litmos.api_key'
            }
            showError(err, { fields: tenantFields, actionEl: $('tenant-action-error'), retry: () => saveTenant() })
            return
        }
        const created = !state.selected
        state.tenants.set(view.id, view)
        const loading = selectTenant(view.id)
        $('tenant-status').textContent = created ? `Tenant ${view.id} created.` : `Tenant ${view.id} saved.`
        await loading
    })
}

async function deleteTenant() {
    const id = state.selected
    if (!id) return
    const ok = await confirmDialog({
        title: `Delete tenant ${id}?`,
        text: 'Its ServiceNow keys stop working at once, and everything this service holds for it is removed. Litmos keeps its users and courses.',
        confirm: 'Yes, delete tenant',
        returnFocus: $('delete-tenant'),
    })
    if (!ok) return
    clearErrors($('tenant-editor'))
    await withProgress($('delete-tenant'), 'Deleting…', $('tenant-form'), async () => {
        try {
            await api('DELETE', tenantPath(id))
        } catch (err) {
            if (!(err instanceof ApiError && err.status === 404)) {
                showError(err, { actionEl: $('tenant-action-error'), retry: deleteTenant })
                return
            }
        }
        state.tenants.delete(id)
        startCreate()
        $('tenant-status').textContent = `Tenant ${id} deleted.`
    })
}

// ---------------------------------------------------------------------------
// The seed's steps: enable, show and copy the key, rotate, disable, sync

async function loadServiceNow(id) {
    clearErrors($('servicenow'))
    try {
        const sn = await api('GET', tenantPath(id, '/servicenow'))
        if (state.selected === id) renderServiceNow(sn)
    } catch (err) {
        if (state.selected === id) showError(err, { actionEl: $('sn-load-error'), retry: () => loadServiceNow(id) })
    }
}

function maskedKey(key) {
    return `lsn_${'•'.repeat(16)}${key.slice(-4)}`
}

function renderKey() {
    const sn = state.servicenow
    const key = sn?.api_key || ''
    $('sn-key').textContent = state.keyShown ? key : maskedKey(key)
    $('sn-key').classList.toggle('masked', !state.keyShown)
    $('sn-show').textContent = state.keyShown ? 'Hide key' : 'Show key'
    $('sn-show').setAttribute('aria-pressed', String(state.keyShown))
}

function renderServiceNow(sn) {
    state.servicenow = sn
    const on = !!sn?.enabled
    $('sn-enabled').checked = on
    $('sn-enabled').disabled = !sn
    $('sn-on').hidden = !on
    $('sn-off').hidden = on || !sn
    $('sn-copy-status').textContent = ''
    $('sn-webhook-status').textContent = ''
    if (!on) {
        $('sn-key').textContent = ''
        $('sn-webhook').textContent = ''
        $('sn-rotated').replaceChildren()
        $('sn-sync-result').textContent = ''
        return
    }
    renderKey()
    $('sn-webhook').textContent = sn.webhook_url
    $('sn-instance').textContent = sn.instance_url || 'Not activated yet'
    $('sn-activated').replaceChildren(timeElement(sn.activated_at))
    $('sn-last-used').replaceChildren(timeElement(sn.last_used_at))
    $('sn-created').replaceChildren(timeElement(sn.created_at))
    const t = state.tenants.get(state.selected)
    if (t && t.servicenow && t.servicenow.enabled !== on) {
        t.servicenow = { ...t.servicenow, enabled: on }
        renderTenantList()
    }
}

function markListEnabled(id, enabled) {
    const t = state.tenants.get(id)
    if (t?.servicenow) {
        t.servicenow = { ...t.servicenow, enabled }
        renderTenantList()
    }
}

async function onEnabledChange() {
    const box = $('sn-enabled')
    const id = state.selected
    clearErrors($('servicenow'))
    if (!box.checked) {
        // Unchecking only asks; the box stays on until the admin confirms.
        box.checked = true
        await disableServiceNow(box)
        return
    }
    // Checked, but busy until the key exists; unchecked again if that fails.
    box.disabled = true
    $('servicenow').setAttribute('aria-busy', 'true')
    try {
        await api('POST', tenantPath(id, '/servicenow'), { body: {} })
        state.keyShown = false
        const sn = await api('GET', tenantPath(id, '/servicenow'))
        if (state.selected !== id) return
        renderServiceNow(sn)
        markListEnabled(id, true)
        $('sn-copy-status').textContent = 'ServiceNow integration enabled: a new key was generated.'
    } catch (err) {
        if (state.selected !== id) return
        box.checked = false
        showError(err, { actionEl: $('sn-enabled-error'), retry: () => { box.checked = true; onEnabledChange() } })
    } finally {
        box.disabled = !state.servicenow
        $('servicenow').removeAttribute('aria-busy')
    }
}

async function disableServiceNow(invoker) {
    const id = state.selected
    const ok = await confirmDialog({
        title: 'Disable the ServiceNow integration?',
        text: `Every ServiceNow key and the webhook URL of ${id} stop working at once. Checking the box again later generates a new key, which ServiceNow must be given again.`,
        confirm: 'Yes, disable',
        returnFocus: invoker instanceof HTMLElement ? invoker : $('sn-disable'),
    })
    if (!ok) return
    clearErrors($('servicenow'))
    const run = async () => {
        try {
            await api('DELETE', tenantPath(id, '/servicenow'))
            if (state.selected !== id) return
            state.keyShown = false
            renderServiceNow({ enabled: false })
            markListEnabled(id, false)
            $('sn-enabled').focus()
        } catch (err) {
            if (state.selected === id) showError(err, { actionEl: $('sn-disable-error'), retry: () => disableServiceNow(invoker) })
        }
    }
    const button = $('sn-disable')
    if ($('sn-on').hidden) await run()
    else await withProgress(button, 'Disabling…', $('servicenow'), run)
}

async function copyText(text, statusEl, what) {
    statusEl.textContent = ''
    try {
        await navigator.clipboard.writeText(text)
        statusEl.textContent = `${what} copied to the clipboard.`
    } catch {
        statusEl.textContent = `Could not copy: select the ${what.toLowerCase()} and copy it by hand.`
    }
}

async function rotateKey() {
    const id = state.selected
    const grace = Number($('sn-grace').value)
    clearErrors($('servicenow'))
    $('sn-rotated').replaceChildren()
    await withProgress($('sn-rotate'), 'Rotating…', $('servicenow'), async () => {
        try {
            const r = await api('POST', tenantPath(id, '/servicenow/rotate'), { body: { grace_period_seconds: grace } })
            if (state.selected !== id) return
            state.servicenow = { ...state.servicenow, api_key: r.api_key, webhook_url: r.webhook_url, created_at: new Date().toISOString() }
            renderServiceNow(state.servicenow)
            const when = timeElement(r.previous_key_expires_at)
            $('sn-rotated').replaceChildren(
                grace > 0 ? 'New key generated. Old key works until ' : 'New key generated. The old key stopped working at ',
                when,
                '. Give ServiceNow the new key before then.',
            )
            // created_at and the rest as the service has them
            loadServiceNowQuietly(id)
        } catch (err) {
            showError(err, { fields: { grace_period_seconds: $('sn-grace') }, actionEl: $('sn-rotate-error'), retry: rotateKey })
        }
    })
}

// Cuts every rotated-out key (and webhook URL) before its grace period ends: the
// current key keeps working.
async function revokePreviousKeys(invoker) {
    const id = state.selected
    const ok = await confirmDialog({
        title: 'Revoke the old keys now?',
        text: `Every ServiceNow key of ${id} but the current one, and every old webhook URL, stop working within seconds, before their grace period ends. The current key keeps working.`,
        confirm: 'Yes, revoke old keys',
        returnFocus: invoker instanceof HTMLElement ? invoker : $('sn-revoke'),
    })
    if (!ok) return
    clearErrors($('servicenow'))
    $('sn-rotated').replaceChildren()
    await withProgress($('sn-revoke'), 'Revoking…', $('servicenow'), async () => {
        try {
            await api('DELETE', tenantPath(id, '/servicenow/previous'))
            if (state.selected !== id) return
            $('sn-rotated').textContent = 'Old keys revoked: only the current key and webhook URL work now.'
        } catch (err) {
            showError(err, { actionEl: $('sn-revoke-error'), retry: () => revokePreviousKeys(invoker) })
        }
    })
}

async function loadServiceNowQuietly(id) {
    try {
        const sn = await api('GET', tenantPath(id, '/servicenow'))
        if (state.selected === id && sn.enabled) {
            state.servicenow = sn
            renderKey()
            $('sn-webhook').textContent = sn.webhook_url
            $('sn-created').replaceChildren(timeElement(sn.created_at))
        }
    } catch {
        // the rotate answer is already shown
    }
}

async function syncNow() {
    const id = state.selected
    clearErrors($('servicenow'))
    $('sn-sync-result').textContent = ''
    await withProgress($('sn-sync'), 'Syncing…', $('servicenow'), async () => {
        try {
            const r = await api('POST', tenantPath(id, '/sync'))
            if (state.selected !== id) return
            const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`
            $('sn-sync-result').textContent =
                `Sync done: ${plural(r.learners_checked, 'learner', 'learners')} checked, ` +
                `${plural(r.assignments_updated, 'assignment', 'assignments')} updated, ` +
                `${plural(r.litmos_calls, 'Litmos call', 'Litmos calls')}.`
        } catch (err) {
            showError(err, { actionEl: $('sn-sync-error'), retry: syncNow })
        }
    })
}

// ---------------------------------------------------------------------------
// A confirmation dialog (a real <dialog>: focus stays in it, Escape cancels)

function confirmDialog({ title, text, confirm, returnFocus }) {
    const dialog = $('confirm')
    $('confirm-title').textContent = title
    $('confirm-text').textContent = text
    $('confirm-ok').textContent = confirm
    return new Promise((resolve) => {
        const done = (answer) => {
            $('confirm-ok').removeEventListener('click', yes)
            $('confirm-cancel').removeEventListener('click', no)
            dialog.removeEventListener('close', closed)
            if (dialog.open) dialog.close()
            returnFocus?.focus()
            resolve(answer)
        }
        const yes = () => done(true)
        const no = () => done(false)
        const closed = () => done(false)
        $('confirm-ok').addEventListener('click', yes)
        $('confirm-cancel').addEventListener('click', no)
        dialog.addEventListener('close', closed)
        dialog.showModal()
        $('confirm-cancel').focus()
    })
}

// ---------------------------------------------------------------------------
// Effectiveness

const reportFields = {
    from: () => $('report-from'),
    to: () => $('report-to'),
    group_by: () => $('report-group'),
    window_days: () => $('report-window'),
}

function reportQuery() {
    const q = new URLSearchParams({
        from: $('report-from').value,
        to: $('report-to').value,
        group_by: $('report-group').value,
        window_days: $('report-window').value,
    })
    return q.toString()
}

async function loadReport(event) {
    event?.preventDefault()
    const id = state.selected
    if (!id) return
    clearErrors($('report-form'))
    await withProgress($('report-show'), 'Loading…', $('report'), async () => {
        try {
            const report = await api('GET', tenantPath(id, `/reports/effectiveness?${reportQuery()}`))
            if (state.selected === id) renderReport(report)
        } catch (err) {
            if (state.selected === id) showError(err, { fields: reportFields, actionEl: $('report-action-error'), retry: () => loadReport() })
        }
    })
}

async function downloadCsv() {
    const id = state.selected
    if (!id) return
    clearErrors($('report-form'))
    const from = $('report-from').value
    const to = $('report-to').value
    await withProgress($('report-csv'), 'Preparing CSV…', $('report'), async () => {
        let csv
        try {
            csv = await api('GET', tenantPath(id, `/reports/effectiveness?${reportQuery()}`), { accept: 'text/csv' })
        } catch (err) {
            showError(err, { fields: reportFields, actionEl: $('report-action-error'), retry: downloadCsv })
            return
        }
        const url = URL.createObjectURL(new Blob([csv ?? ''], { type: 'text/csv;charset=utf-8' }))
        const a = document.createElement('a')
        a.href = url
        a.download = `effectiveness-${id}-${from}-${to}.csv`
        a.hidden = true
        document.body.append(a)
        a.click()
        a.remove()
        setTimeout(() => URL.revokeObjectURL(url), 10_000)
    })
}

const GROUP_NAMES = { course: 'course', agent: 'agent', category: 'incident category' }

/** The three bars of a group: what each one is, its rate and the counts behind it. */
function barsOf(g) {
    return [
        {
            metric: 'completion',
            rate: g.completion_rate,
            text: `Completion ${percent(g.completion_rate)} (${g.completed} of ${g.assigned})`,
            fill: 'url(#pattern-solid)',
        },
        {
            metric: 'repeat-completed',
            rate: g.repeat_after_completed.rate,
            text: `Repeat after completed ${percent(g.repeat_after_completed.rate)} (${g.repeat_after_completed.repeated} of ${g.repeat_after_completed.assignments})`,
            fill: 'url(#pattern-stripes)',
        },
        {
            metric: 'repeat-not-completed',
            rate: g.repeat_after_not_completed.rate,
            text: `Repeat after not completed ${percent(g.repeat_after_not_completed.rate)} (${g.repeat_after_not_completed.repeated} of ${g.repeat_after_not_completed.assignments})`,
            fill: 'url(#pattern-dots)',
        },
    ]
}

function svg(name, attrs = {}, children = []) {
    const el = document.createElementNS(SVG_NS, name)
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
    el.append(...children)
    return el
}

function patterns() {
    return svg('defs', {}, [
        svg('pattern', { id: 'pattern-solid', width: 8, height: 8, patternUnits: 'userSpaceOnUse' }, [svg('rect', { width: 8, height: 8, class: 'fill-completion' })]),
        svg('pattern', { id: 'pattern-stripes', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
            svg('rect', { width: 8, height: 8, class: 'fill-light' }),
            svg('rect', { width: 4, height: 8, class: 'fill-repeat-completed' }),
        ]),
        svg('pattern', { id: 'pattern-dots', width: 6, height: 6, patternUnits: 'userSpaceOnUse' }, [
            svg('rect', { width: 6, height: 6, class: 'fill-light' }),
            svg('circle', { cx: 3, cy: 3, r: 2, class: 'fill-repeat-not-completed' }),
        ]),
    ])
}

function truncate(s, n) {
    return s.length > n ? `${s.slice(0, n - 1)}…` : s
}

function chart(report) {
    const BAR_W = 320
    const BAR_H = 18
    const ROW = 24
    const HEAD = 26
    const GAP = 16
    const TEXT_X = BAR_W + 12
    const WIDTH = 760
    const groupH = HEAD + 3 * ROW + GAP
    const legendH = 34
    const height = legendH + report.groups.length * groupH
    const titleId = 'report-chart-title'
    const root = svg('svg', {
        viewBox: `0 0 ${WIDTH} ${height}`,
        width: WIDTH,
        height,
        role: 'img',
        'aria-labelledby': titleId,
        class: 'chart',
    })
    root.append(svg('title', { id: titleId }, [`Completion rate and repeat-incident rates per ${GROUP_NAMES[report.group_by]}; the table below has the same numbers.`]))
    root.append(patterns())

    const legend = svg('g', { class: 'legend', transform: 'translate(0,4)' })
    let x = 0
    for (const [fill, label] of [
        ['url(#pattern-solid)', 'Completion rate'],
        ['url(#pattern-stripes)', 'Repeat after completed'],
        ['url(#pattern-dots)', 'Repeat after not completed'],
    ]) {
        legend.append(svg('rect', { x, y: 0, width: 18, height: 14, fill, class: 'bar-outline' }))
        legend.append(svg('text', { x: x + 24, y: 12, class: 'legend-text' }, [label]))
        x += 24 + label.length * 7.5 + 24
    }
    root.append(legend)

    report.groups.forEach((g, i) => {
        const y0 = legendH + i * groupH
        const group = svg('g', { class: 'report-group', 'data-key': g.key, transform: `translate(0,${y0})` })
        group.append(svg('text', { x: 0, y: 16, class: 'group-label' }, [truncate(g.label, 90), svg('title', {}, [g.label])]))
        group.append(svg('text', { x: WIDTH, y: 16, class: 'group-count', 'text-anchor': 'end' }, [`${g.assigned} assigned`]))
        barsOf(g).forEach((bar, j) => {
            const y = HEAD + j * ROW
            group.append(svg('rect', { x: 0, y, width: BAR_W, height: BAR_H, class: 'track' }))
            const w = bar.rate === null || bar.rate === undefined ? 0 : Math.max(0, Math.min(1, bar.rate)) * BAR_W
            if (w > 0) group.append(svg('rect', { x: 0, y, width: w.toFixed(1), height: BAR_H, fill: bar.fill, class: 'bar bar-outline', 'data-metric': bar.metric }))
            group.append(svg('text', { x: TEXT_X, y: y + 14, class: 'bar-text', 'data-metric': bar.metric }, [bar.text]))
        })
        root.append(group)
    })
    return root
}

function table(report) {
    const t = document.createElement('table')
    t.className = 'report-table'
    const caption = document.createElement('caption')
    caption.textContent = `By ${GROUP_NAMES[report.group_by]}, assigned ${report.from} to ${report.to}, repeat window ${report.window_days} days`
    t.append(caption)
    const head = [
        GROUP_NAMES[report.group_by][0].toUpperCase() + GROUP_NAMES[report.group_by].slice(1),
        'Assigned',
        'Started',
        'Completed',
        'Completion rate',
        'Median days to complete',
        'Average score',
        'Repeat after completed',
        'Repeat after not completed',
    ]
    const thead = document.createElement('thead')
    const hr = document.createElement('tr')
    for (const h of head) {
        const th = document.createElement('th')
        th.scope = 'col'
        th.textContent = h
        hr.append(th)
    }
    thead.append(hr)
    const row = (label, g, isTotal) => {
        const tr = document.createElement('tr')
        if (isTotal) tr.className = 'total'
        const th = document.createElement('th')
        th.scope = 'row'
        th.textContent = label
        tr.append(th)
        // A rate and, on its own line, the counts behind it.
        const repeat = (r) => {
            const count = document.createElement('span')
            count.className = 'count'
            count.textContent = ` (${r.repeated} of ${r.assignments})`
            return [percent(r.rate), count]
        }
        for (const v of [g.assigned, g.started, g.completed, percent(g.completion_rate), numberOrNa(g.median_days_to_complete), numberOrNa(g.average_score), repeat(g.repeat_after_completed), repeat(g.repeat_after_not_completed)]) {
            const td = document.createElement('td')
            td.append(...(Array.isArray(v) ? v : [String(v)]))
            tr.append(td)
        }
        return tr
    }
    const tbody = document.createElement('tbody')
    for (const g of report.groups) {
        const tr = row(g.label, g, false)
        tr.dataset.key = g.key
        tbody.append(tr)
    }
    const tfoot = document.createElement('tfoot')
    tfoot.append(row('All', report.totals, true))
    t.append(thead, tbody, tfoot)
    // Scrolls sideways on narrow screens: focusable so the keyboard can scroll it too.
    const wrap = document.createElement('div')
    wrap.className = 'table-wrap'
    wrap.tabIndex = 0
    wrap.setAttribute('role', 'region')
    wrap.setAttribute('aria-label', 'Effectiveness table')
    wrap.append(t)
    return wrap
}

function renderReport(report) {
    const out = $('report-output')
    const n = report.groups.length
    $('report-status').textContent = `Report for ${report.from} to ${report.to}: ${n} ${n === 1 ? 'group' : 'groups'}.`
    if (!n) {
        const p = document.createElement('p')
        p.className = 'muted'
        p.textContent = `No training was assigned from ${report.from} to ${report.to}.`
        out.replaceChildren(p)
        return
    }
    const figure = document.createElement('figure')
    figure.className = 'chart-figure'
    const cap = document.createElement('figcaption')
    cap.textContent = `Completion and repeat incidents by ${GROUP_NAMES[report.group_by]}, ${report.from} to ${report.to} (repeat window ${report.window_days} days)`
    figure.append(cap, chart(report))
    out.replaceChildren(figure, table(report))
}

// ---------------------------------------------------------------------------
// Wiring

function init() {
    $('sign-in-form').addEventListener('submit', signIn)
    $('sign-out').addEventListener('click', signOut)
    $('new-tenant').addEventListener('click', () => {
        startCreate()
        $('tenant-id').focus()
    })
    $('load-more').addEventListener('click', loadMore)
    $('litmos-region').addEventListener('change', () => {
        syncRegion()
        if ($('litmos-region').value === 'custom') $('litmos-base-url').focus()
    })
    $('tenant-form').addEventListener('submit', saveTenant)
    $('delete-tenant').addEventListener('click', deleteTenant)
    $('sn-enabled').addEventListener('change', onEnabledChange)
    $('sn-show').addEventListener('click', () => {
        state.keyShown = !state.keyShown
        renderKey()
    })
    $('sn-copy').addEventListener('click', () => copyText(state.servicenow?.api_key || '', $('sn-copy-status'), 'Key'))
    $('sn-webhook-copy').addEventListener('click', () => copyText(state.servicenow?.webhook_url || '', $('sn-webhook-status'), 'Webhook URL'))
    $('sn-rotate').addEventListener('click', rotateKey)
    $('sn-revoke').addEventListener('click', (ev) => revokePreviousKeys(ev.currentTarget))
    $('sn-sync').addEventListener('click', syncNow)
    $('sn-disable').addEventListener('click', (e) => disableServiceNow(e.currentTarget))
    $('report-form').addEventListener('submit', loadReport)
    $('report-csv').addEventListener('click', downloadCsv)

    // Ready: the submit buttons start disabled so that nothing is submitted natively.
    for (const id of ['sign-in-button', 'save-tenant', 'report-show']) $(id).disabled = false

    const to = todayUtc()
    $('report-to').value = to
    $('report-from').value = daysBefore(to, 29)
    syncRegion()
    document.documentElement.dataset.ready = 'true'
    resume()
}

init()
