// Tenants: the list (paged through GET /v1/admin/tenants) and the form that creates or
// edits one (name, Litmos region, the write-only Litmos API key, source, welcome
// e-mails). Selecting a tenant loads its ServiceNow integration and its report.

import { api, ApiError, tenantPath } from './api.js'
import { loadServiceNow, renderLastSync, renderServiceNow, SERVICENOW_STATE } from './keys.js'
import { clearRecommendations } from './recommend.js'
import { clearRules, loadRules } from './rules.js'
import { clearReport, loadReport } from './report.js'
import { $, clearErrors, confirmDialog, showError, showFieldError, state, withProgress } from './ui.js'

export const PAGE_SIZE = 100
const REGIONS = ['https://api.litmos.com/v1.svc', 'https://api.litmoseu.com/v1.svc', 'https://api.litmos.com.au/v1.svc']

export function addTenants(page) {
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

/** The list's query: a page size, and the search when one is typed. */
function listQuery() {
    const q = state.search ? `&search=${encodeURIComponent(state.search)}` : ''
    return `/v1/admin/tenants?limit=${PAGE_SIZE}${q}`
}

let searchTimer = null
let searchSeq = 0

/** Searching asks the service (ids by prefix, names by any part), a page at a time. */
async function runSearch() {
    const typed = $('tenant-search').value.trim()
    if (typed === (state.search || '')) return
    state.search = typed
    const seq = ++searchSeq
    clearErrors($('tenants'))
    try {
        const page = await api('GET', listQuery())
        if (seq !== searchSeq) return // a later search answered first
        state.tenants.clear()
        addTenants(page)
        $('tenants-empty').textContent = typed ? `No tenant matches "${typed}".` : 'No tenants yet. Create one with the form.'
    } catch (err) {
        if (seq === searchSeq) showError(err, { fields: { search: $('tenant-search') }, actionEl: $('load-more-error'), retry: runSearch })
    }
}

export async function loadMore() {
    const el = $('load-more-error')
    clearErrors($('tenants'))
    await withProgress($('load-more'), 'Loading…', $('tenants'), async () => {
        try {
            addTenants(await api('GET', `${listQuery()}&cursor=${encodeURIComponent(state.nextCursor)}`))
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
    'start_links.enabled': () => $('start-links'),
    'start_links.expire_days': () => $('start-link-days'),
}

export function syncRegion() {
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

export function startCreate() {
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
    $('recommendations').hidden = true
    $('rules').hidden = true
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
    $('start-links').checked = !!t.start_links?.enabled
    $('start-link-days').value = String(t.start_links?.expire_days ?? 30)
    $('delete-tenant').hidden = false
    renderLastSync(t.last_sync)
}

export async function selectTenant(id) {
    state.selected = id
    state.keyShown = false
    const t = state.tenants.get(id)
    if (t) fillTenantForm(t)
    $('tenant-status').textContent = ''
    renderTenantList()
    $('servicenow').hidden = false
    $('report').hidden = false
    $('recommendations').hidden = false
    $('rules').hidden = false
    clearReport()
    clearRecommendations()
    clearRules()
    renderServiceNow(null)
    await Promise.all([refreshTenant(id), loadServiceNow(id), loadReport(), loadRules()])
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
        start_links: { enabled: $('start-links').checked, expire_days: Number($('start-link-days').value) },
        // Not on this form: kept as the tenant has it (a PUT without it would reset it).
        ...(state.selected && state.tenants.get(state.selected)?.recommendations ? { recommendations: state.tenants.get(state.selected).recommendations } : {}),
    }
}

export async function saveTenant(event) {
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

export async function deleteTenant() {
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

/** The list's badge follows the integration as keys.js turns it on or off. */
function markEnabled({ detail: { id, enabled } }) {
    const t = state.tenants.get(id)
    if (t?.servicenow && t.servicenow.enabled !== enabled) {
        t.servicenow = { ...t.servicenow, enabled }
        renderTenantList()
    }
}

export function wireTenants() {
    document.addEventListener(SERVICENOW_STATE, markEnabled)
    $('new-tenant').addEventListener('click', () => {
        startCreate()
        $('tenant-id').focus()
    })
    $('load-more').addEventListener('click', loadMore)
    $('tenant-search').addEventListener('input', () => {
        clearTimeout(searchTimer)
        searchTimer = setTimeout(runSearch, 250)
    })
    $('litmos-region').addEventListener('change', () => {
        syncRegion()
        if ($('litmos-region').value === 'custom') $('litmos-base-url').focus()
    })
    $('tenant-form').addEventListener('submit', saveTenant)
    $('delete-tenant').addEventListener('click', deleteTenant)
    syncRegion()
}
