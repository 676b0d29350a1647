// The seed's steps by their names: "Enable ServiceNow integration", the key masked with
// "Show key" and "Copy key", the webhook URL with "Copy", the activation state,
// "Rotate key" with a grace period and the old key's end time, "Sync now", and
// "Disable" behind a confirmation.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertSameOrigin, call, createTenant, deleteTenant, env, openBrowser, selectTenant, signIn, uniqueTenant } from '../support.mjs'

describe('ServiceNow integration', () => {
    let b
    const id = uniqueTenant('console-sn')
    const servicenow = async () => (await call('GET', `/v1/admin/tenants/${id}/servicenow`)).body
    const clipboard = () => b.page.evaluate(() => navigator.clipboard.readText())

    before(async () => {
        await createTenant(id)
        b = await openBrowser({ clipboard: true })
        await signIn(b.page)
        await selectTenant(b.page, id)
    })
    after(async () => {
        await deleteTenant(id)
        await b?.close()
    })

    it('enables the integration with the checkbox, and shows the key masked, then in full, and copies it', async () => {
        const page = b.page
        const box = page.getByLabel('Enable ServiceNow integration')
        await page.locator('#sn-off').waitFor()
        assert.equal(await box.isChecked(), false)
        assert.deepEqual(await servicenow(), { enabled: false })

        await box.check()
        await page.locator('#sn-on').waitFor()
        const sn = await servicenow()
        assert.equal(sn.enabled, true)
        assert.match(sn.api_key, /^lsn_[A-Za-z0-9]+$/)
        assert.equal(await box.isChecked(), true)
        await page.locator(`button.tenant[data-id="${id}"] .badge.on`).waitFor()

        const key = page.locator('#sn-key')
        const masked = await key.textContent()
        assert.ok(masked.startsWith('lsn_•'), masked)
        assert.ok(!masked.includes(sn.api_key.slice(4, -4)), 'masked')
        const show = page.getByRole('button', { name: 'Show key' })
        await show.click()
        assert.equal(await key.textContent(), sn.api_key)
        assert.equal(await page.locator('#sn-show').getAttribute('aria-pressed'), 'true')
        await page.getByRole('button', { name: 'Hide key' }).click()
        assert.equal(await key.textContent(), masked)

        await page.getByRole('button', { name: 'Copy key' }).click()
        await page.waitForFunction(() => document.getElementById('sn-copy-status').textContent.includes('copied'))
        assert.equal(await clipboard(), sn.api_key)
    })

    it('shows the webhook URL with a Copy button, and the activation state', async () => {
        const page = b.page
        const sn = await servicenow()
        assert.equal(await page.locator('#sn-webhook').textContent(), sn.webhook_url)
        await page.getByRole('button', { name: 'Copy webhook URL' }).click()
        await page.waitForFunction(() => document.getElementById('sn-webhook-status').textContent.includes('copied'))
        assert.equal(await clipboard(), sn.webhook_url)
        assert.equal(await page.locator('#sn-instance').textContent(), 'Not activated yet')

        const act = await call('POST', '/v1/servicenow/activate', { token: sn.api_key, body: { instance_url: 'https://acme.service-now.com' } })
        assert.equal(act.status, 200, act.text)
        await selectTenant(page, id)
        await page.waitForFunction(() => document.getElementById('sn-instance').textContent === 'https://acme.service-now.com')
        const now = await servicenow()
        assert.equal(await page.locator('#sn-activated time').getAttribute('datetime'), now.activated_at)
        assert.match(await page.locator('#sn-activated time').textContent(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/)
    })

    it('rotates the key with a grace period and shows when the old key stops', async () => {
        const page = b.page
        const before = await servicenow()
        await page.getByLabel('Grace period for the old key').selectOption({ label: '1 hour' })
        const [answer] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/v1/admin/tenants/${id}/servicenow/rotate`)),
            page.getByRole('button', { name: 'Rotate key' }).click(),
        ])
        const rotated = await answer.json()
        assert.equal(answer.status(), 200)
        assert.deepEqual(JSON.parse(answer.request().postData()), { grace_period_seconds: 3600 })
        const line = page.locator('#sn-rotated')
        await line.getByText('Old key works until').waitFor()
        const shown = await line.locator('time').getAttribute('datetime')
        assert.ok(Math.abs(Date.parse(shown) - Date.parse(rotated.previous_key_expires_at)) <= 2000, `${shown} vs ${rotated.previous_key_expires_at}`)
        assert.ok(Math.abs(Date.parse(shown) - (Date.now() + 3600_000)) < 60_000, shown)
        const when = new Date(rotated.previous_key_expires_at).toISOString().slice(0, 19).replace('T', ' ')
        assert.match(await line.textContent(), new RegExp(`Old key works until ${when} UTC`))

        const after = await servicenow()
        assert.notEqual(after.api_key, before.api_key)
        assert.equal(after.api_key, rotated.api_key)
        await page.getByRole('button', { name: 'Show key' }).click()
        await page.waitForFunction((k) => document.getElementById('sn-key').textContent === k, after.api_key)
        assert.equal(await page.locator('#sn-webhook').textContent(), after.webhook_url)
        await page.getByRole('button', { name: 'Hide key' }).click()
        // The old key still works through its grace period.
        assert.equal((await call('GET', '/v1/servicenow/configuration', { token: before.api_key })).status, 200)
    })

    it('revokes the rotated-out key before its grace period ends', async () => {
        const page = b.page
        const old = await servicenow()
        const rotated = await call('POST', `/v1/admin/tenants/${id}/servicenow/rotate`, { body: { grace_period_seconds: 3600 } })
        assert.equal(rotated.status, 200, rotated.text)
        assert.equal((await call('GET', '/v1/servicenow/configuration', { token: old.api_key })).status, 200, 'in its grace period')
        const dialog = page.getByRole('dialog', { name: 'Revoke the old keys now?' })
        await page.getByRole('button', { name: 'Revoke old keys now' }).click()
        await dialog.waitFor()
        const [answer] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/v1/admin/tenants/${id}/servicenow/previous`)),
            dialog.getByRole('button', { name: 'Yes, revoke old keys' }).click(),
        ])
        assert.equal(answer.status(), 204)
        assert.equal(answer.request().method(), 'DELETE')
        await page.locator('#sn-rotated').getByText('Old keys revoked').waitFor()
        // Stops within the auth cache's TTL (5 s on the local stack); the current key works.
        let status = 200
        for (let i = 0; i < 40 && status === 200; i++) {
            status = (await call('GET', '/v1/servicenow/configuration', { token: old.api_key })).status
            if (status === 200) await new Promise((r) => setTimeout(r, 250))
        }
        assert.equal(status, 401)
        assert.equal((await call('GET', '/v1/servicenow/configuration', { token: rotated.body.api_key })).status, 200)
    })

    it('runs a sync and shows its counts', async () => {
        const page = b.page
        const [answer] = await Promise.all([
            page.waitForResponse((r) => r.url().endsWith(`/v1/admin/tenants/${id}/sync`)),
            page.getByRole('button', { name: 'Sync now' }).click(),
        ])
        assert.equal(answer.status(), 200)
        const r = await answer.json()
        const result = page.locator('#sn-sync-result')
        await result.getByText('Sync done').waitFor()
        const text = await result.textContent()
        assert.match(text, new RegExp(`${r.learners_checked} learners? checked`))
        assert.match(text, new RegExp(`${r.assignments_updated} assignments? updated`))
        assert.match(text, new RegExp(`${r.litmos_calls} Litmos calls?`))
        // The tenant's last sync, as the admin GET has it.
        const last = page.locator('#sn-last-sync')
        await last.getByText('succeeded').waitFor()
        const tenant = (await call('GET', `/v1/admin/tenants/${id}`)).body
        assert.equal(tenant.last_sync.outcome, 'succeeded')
        assert.equal(await last.locator('time').getAttribute('datetime'), tenant.last_sync.at)
    })

    it('disables only after confirming: Escape and Cancel keep it on', async () => {
        const page = b.page
        const dialog = page.getByRole('dialog', { name: 'Disable the ServiceNow integration?' })
        await page.getByRole('button', { name: 'Disable', exact: true }).click()
        await dialog.waitFor()
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'hidden' })
        assert.equal((await servicenow()).enabled, true)

        const box = page.getByLabel('Enable ServiceNow integration')
        await box.click()
        await dialog.waitFor()
        assert.equal(await box.isChecked(), true, 'the box stays on while asking')
        await dialog.getByRole('button', { name: 'Cancel' }).click()
        await dialog.waitFor({ state: 'hidden' })
        assert.equal((await servicenow()).enabled, true)

        // By keyboard: the Disable button, Enter, then the confirm button.
        await page.getByRole('button', { name: 'Disable', exact: true }).focus()
        await page.keyboard.press('Enter')
        await dialog.waitFor()
        await dialog.getByRole('button', { name: 'Yes, disable' }).focus()
        await page.keyboard.press('Enter')
        await page.locator('#sn-off').waitFor()
        assert.deepEqual(await servicenow(), { enabled: false })
        assert.equal(await box.isChecked(), false)
        assert.equal(await page.locator('#sn-on').isVisible(), false)
        await page.locator(`button.tenant[data-id="${id}"] .badge.off`).waitFor()
    })

    it('made no request to another origin and logged no error', () => {
        assertSameOrigin(b.requests)
        assert.deepEqual(b.errors, [])
    })
})
