// The ServiceNow integration of the selected tenant, the help article's steps by their
// names: "Enable ServiceNow integration", the key masked with "Show key" and "Copy key",
// the webhook URL with "Copy", the activation state, "Rotate key" with a grace period,
// "Revoke old keys now", "Sync now" and "Disable" behind a confirmation.

import { api, tenantPath } from './api.js'
import { $, clearErrors, confirmDialog, copyText, showError, state, timeElement, withProgress } from './ui.js'

/** The event this module sends when a tenant's integration goes on or off. */
export const SERVICENOW_STATE = 'servicenow-state'

export async function loadServiceNow(id) {
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

/** The tenant's last sync (scheduled through the queue, or "Sync now"): when and how it ended. */
export function renderLastSync(last) {
    const el = $('sn-last-sync')
    if (!last) {
        el.textContent = 'No sync has run yet.'
        return
    }
    const how = {
        succeeded: 'succeeded',
        failed: 'failed',
        deferred: 'was paused (Litmos was pacing this account) and goes on by itself',
    }[last.outcome] ?? last.outcome
    el.replaceChildren('Last sync: ', timeElement(last.at), `, ${how}${last.error_kind ? ` (${last.error_kind})` : ''}.`)
}

export function renderServiceNow(sn) {
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
    markListEnabled(state.selected, on)
}

/** Tells the tenant list (tenants.js) that a tenant's integration is now on or off. */
function markListEnabled(id, enabled) {
    document.dispatchEvent(new CustomEvent(SERVICENOW_STATE, { detail: { id, enabled } }))
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
            const t = await api('GET', tenantPath(id))
            if (state.selected === id) renderLastSync(t.last_sync)
        } catch (err) {
            showError(err, { actionEl: $('sn-sync-error'), retry: syncNow })
        }
    })
}

export function wireKeys() {
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
}
