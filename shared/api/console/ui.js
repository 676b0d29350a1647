// What every part of the console shares: the page's state, errors shown beside what
// caused them, progress on the button that started an action, formatting, the
// confirmation dialog and copying to the clipboard.

import { ApiError } from './api.js'

export const $ = (id) => document.getElementById(id)

export const state = {
    tenants: new Map(), // id -> TenantView, in list order
    nextCursor: null,
    selected: null, // tenant id being edited, or null when creating
    servicenow: null, // GET .../servicenow of the selected tenant
    keyShown: false,
}

// ---------------------------------------------------------------------------
// Errors next to what caused them, progress on the button that started it

export function clearErrors(scope) {
    for (const el of scope.querySelectorAll('.error')) {
        el.replaceChildren()
        el.hidden = true
    }
    for (const el of scope.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid')
}

/** The detail beside a field: its `<id>-error` element, announced, and the field marked invalid. */
export function showFieldError(input, text) {
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
export function showError(err, { fields = {}, actionEl, retry }) {
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
export async function withProgress(button, label, region, work) {
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
export function timeElement(iso) {
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
export function percent(rate) {
    if (rate === null || rate === undefined) return 'n/a'
    return `${Number((rate * 100).toFixed(2))}%`
}

export const numberOrNa = (n) => (n === null || n === undefined ? 'n/a' : String(n))

export function todayUtc() {
    return new Date().toISOString().slice(0, 10)
}

export function daysBefore(date, days) {
    const d = new Date(`${date}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() - days)
    return d.toISOString().slice(0, 10)
}

// ---------------------------------------------------------------------------
// A confirmation dialog (a real <dialog>: focus stays in it, Escape cancels)

export function confirmDialog({ title, text, confirm, returnFocus }) {
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
// Copying a key or URL, with a line saying whether it worked

export async function copyText(text, statusEl, what) {
    statusEl.textContent = ''
    try {
        await navigator.clipboard.writeText(text)
        statusEl.textContent = `${what} copied to the clipboard.`
    } catch {
        statusEl.textContent = `Could not copy: select the ${what.toLowerCase()} and copy it by hand.`
    }
}
