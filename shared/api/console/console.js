// The admin console (issue 10): the Litmos Account Owner's page over the admin API.
// This module signs in and out and wires the page; the rest are ES modules of their
// own, loaded by the browser from this origin with no build step:
//   api.js      the admin API client and the token (sessionStorage, this tab only)
//   ui.js       shared state, errors beside their field or button, progress, dialog
//   tenants.js  the tenant list and the create/edit form
//   keys.js     the ServiceNow integration: enable, key, webhook URL, rotate, revoke, sync, disable
//   report.js   the effectiveness report: form, table, CSV
//   chart.js    the report's SVG bars
//   recommend.js courses ranked by what they prevent
//   rules.js    automatic training by category
// The page's Content-Security-Policy allows no inline script or style, so every
// behaviour is in these modules and every look is in console.css.

import { api, ApiError, forgetToken, keepToken, onUnauthorized, token } from './api.js'
import { renderServiceNow, wireKeys } from './keys.js'
import { wireRecommendations } from './recommend.js'
import { wireReport } from './report.js'
import { wireRules } from './rules.js'
import { addTenants, PAGE_SIZE, startCreate, wireTenants } from './tenants.js'
import { $, clearErrors, showError, showFieldError, state, withProgress } from './ui.js'

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
    forgetToken()
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
            keepToken(candidate)
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
    forgetToken()
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
// Wiring

function init() {
    onUnauthorized(signedOutBy)
    $('sign-in-form').addEventListener('submit', signIn)
    $('sign-out').addEventListener('click', signOut)
    wireTenants()
    wireKeys()
    wireReport()
    wireRecommendations()
    wireRules()

    // Ready: the submit buttons start disabled so that nothing is submitted natively.
    for (const id of ['sign-in-button', 'save-tenant', 'report-show']) $(id).disabled = false
    document.documentElement.dataset.ready = 'true'
    resume()
}

init()
