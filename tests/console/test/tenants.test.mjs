// Tenants: create one against the Litmos double (custom base URL), the API's field
// errors beside their fields, a network failure or 5xx keeping the form with a Retry,
// editing (the key must be entered again), and deleting behind a confirmation.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DOUBLE_BASE_URL, DOUBLE_LITMOS_KEY, assertSameOrigin, call, deleteTenant, env, openBrowser, signIn, uniqueTenant } from '../support.mjs'

describe('Tenants', () => {
    let b
    const id = uniqueTenant('console-tenant')
    before(async () => {
        b = await openBrowser()
        await signIn(b.page)
    })
    after(async () => {
        await deleteTenant(id)
        await b?.close()
    })

    async function fillNew(page, { tenantId = id, baseUrl = DOUBLE_BASE_URL, key = DOUBLE_LITMOS_KEY } = {}) {
        await page.getByRole('button', { name: 'New tenant' }).click()
        await page.getByLabel('Tenant id').fill(tenantId)
        await page.getByLabel('Name', { exact: true }).fill('Console Pie Shop')
        await page.getByLabel('Litmos region').selectOption({ label: 'Custom' })
        await page.getByLabel('Custom base URL').fill(baseUrl)
        await page.getByLabel('Litmos API key').fill(key)
        await page.getByLabel('Source').fill('console-test')
        await page.getByLabel('Send Litmos welcome e-mails to new learners').check()
    }

    it('shows a base URL off the allow-list as the API words it, beside that field', async () => {
        const page = b.page
        const bad = 'https://litmos.example.com/v1.svc'
        const expected = await call('PUT', `/v1/admin/tenants/${id}`, {
            body: { name: 'x', litmos: { base_url: bad, api_key: DOUBLE_LITMOS_KEY, source: 's' } },
        })
        assert.equal(expected.status, 400)
        assert.equal(expected.body.field, 'litmos.base_url')
        await fillNew(page, { baseUrl: bad })
        await page.getByRole('button', { name: 'Save' }).click()
        const error = page.locator('#litmos-base-url-error')
        await error.waitFor({ state: 'visible' })
        assert.equal((await error.textContent()).trim(), expected.body.detail)
        const input = page.getByLabel('Custom base URL')
        assert.equal(await input.getAttribute('aria-invalid'), 'true')
        assert.match(await input.getAttribute('aria-describedby'), /\blitmos-base-url-error\b/)
        assert.equal(await page.evaluate(() => document.activeElement.id), 'litmos-base-url', 'focus moves to the field at fault')
        assert.equal(await page.locator('#tenant-action-error').isVisible(), false, 'not beside the button')
        assert.equal((await call('GET', `/v1/admin/tenants/${id}`)).status, 404, 'nothing was created')
    })

    it('shows a malformed tenant id as the API words it, beside that field', async () => {
        const page = b.page
        const bad = 'Not_A-Valid-Id'
        const expected = await call('PUT', `/v1/admin/tenants/${bad}`, {
            body: { name: 'x', litmos: { base_url: DOUBLE_BASE_URL, api_key: DOUBLE_LITMOS_KEY, source: 's' } },
        })
        assert.equal(expected.status, 400)
        assert.equal(expected.body.field, 'tenant_id')
        await fillNew(page, { tenantId: bad })
        await page.getByRole('button', { name: 'Save' }).click()
        const error = page.locator('#tenant-id-error')
        await error.waitFor({ state: 'visible' })
        assert.equal((await error.textContent()).trim(), expected.body.detail)
        assert.equal(await page.getByLabel('Tenant id').getAttribute('aria-invalid'), 'true')
    })

    it('shows a Litmos key Litmos refuses beside the key field', async () => {
        const page = b.page
        await fillNew(page, { key: 'not-the-litmos-key' })
        await page.getByRole('button', { name: 'Save' }).click()
        const error = page.locator('#litmos-key-error')
        await error.waitFor({ state: 'visible' })
        assert.match(await error.textContent(), /Litmos refused this API key/)
        assert.equal((await call('GET', `/v1/admin/tenants/${id}`)).status, 404)
    })

    it('keeps the form and offers Retry after a network failure, then creates the tenant against the double', async () => {
        const page = b.page
        await fillNew(page)
        const route = `${env.base}/v1/admin/tenants/${id}`
        let release
        const held = new Promise((r) => (release = r))
        await page.route(route, async (r) => {
            await held
            await r.abort('connectionreset')
        })
        await page.getByRole('button', { name: 'Save' }).click()
        // Progress while the request is out.
        const save = page.locator('#save-tenant')
        await page.waitForFunction(() => document.getElementById('save-tenant').textContent === 'Saving…')
        assert.equal(await save.isDisabled(), true)
        assert.equal(await page.locator('#tenant-form').getAttribute('aria-busy'), 'true')
        release()
        const error = page.locator('#tenant-action-error')
        await error.waitFor({ state: 'visible' })
        assert.match(await error.textContent(), /could not be reached/)
        assert.equal(await page.getByLabel('Tenant id').inputValue(), id, 'values kept')
        assert.equal(await page.getByLabel('Custom base URL').inputValue(), DOUBLE_BASE_URL)
        assert.equal(await page.getByLabel('Litmos API key').inputValue(), DOUBLE_LITMOS_KEY)
        assert.equal(await page.getByLabel('Send Litmos welcome e-mails to new learners').isChecked(), true)
        assert.equal(await save.textContent(), 'Save')

        await page.unroute(route)
        await error.getByRole('button', { name: 'Retry' }).click()
        await page.getByRole('heading', { name: `Edit tenant ${id}` }).waitFor()
        assert.equal((await page.locator('#tenant-status').textContent()).trim(), `Tenant ${id} created.`)
        await page.locator(`button.tenant[data-id="${id}"][aria-current="true"]`).waitFor()

        const got = await call('GET', `/v1/admin/tenants/${id}`)
        assert.equal(got.status, 200)
        assert.equal(got.body.name, 'Console Pie Shop')
        assert.equal(got.body.litmos.base_url, DOUBLE_BASE_URL)
        assert.equal(got.body.litmos.source, 'console-test')
        assert.equal(got.body.litmos.send_welcome_email, true)
        // Write-only: the key is never put back into the form.
        assert.equal(await page.getByLabel('Litmos API key').inputValue(), '')
        assert.equal(await page.getByLabel('Litmos region').inputValue(), 'custom')
        assert.equal(await page.getByLabel('Custom base URL').inputValue(), DOUBLE_BASE_URL)
    })

    it('edits the tenant: the key must be entered again; a 5xx keeps the form with a Retry', async () => {
        const page = b.page
        assert.match(await page.locator('#litmos-key-hint').textContent(), /Enter the key again to save changes/)
        await page.getByLabel('Name', { exact: true }).fill('Console Pie Shop (renamed)')
        await page.getByLabel('Send Litmos welcome e-mails to new learners').uncheck()
        await page.getByRole('button', { name: 'Save' }).click()
        await page.locator('#litmos-key-error').waitFor({ state: 'visible' })
        assert.equal((await call('GET', `/v1/admin/tenants/${id}`)).body.name, 'Console Pie Shop')

        const route = `${env.base}/v1/admin/tenants/${id}`
        await page.route(route, (r) =>
            r.request().method() === 'PUT'
                ? r.fulfill({
                      status: 503,
                      contentType: 'application/problem+json',
                      body: JSON.stringify({ type: '/problems/unavailable', title: 'Service unavailable', status: 503, detail: 'The service could not reach its storage.', request_id: 'req-1' }),
                  })
                : r.continue(),
        )
        await page.getByLabel('Litmos API key').fill(DOUBLE_LITMOS_KEY)
        await page.getByRole('button', { name: 'Save' }).click()
        const error = page.locator('#tenant-action-error')
        await error.waitFor({ state: 'visible' })
        assert.match(await error.textContent(), /could not reach its storage.*req-1/)
        assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Console Pie Shop (renamed)')
        assert.equal(await page.getByLabel('Litmos API key').inputValue(), DOUBLE_LITMOS_KEY)
        await page.unroute(route)
        await error.getByRole('button', { name: 'Retry' }).click()
        await page.waitForFunction(() => document.getElementById('tenant-status').textContent.includes('saved'))
        const got = (await call('GET', `/v1/admin/tenants/${id}`)).body
        assert.equal(got.name, 'Console Pie Shop (renamed)')
        assert.equal(got.litmos.send_welcome_email, false)
        assert.equal(await page.locator(`button.tenant[data-id="${id}"] .tenant-name`).textContent(), 'Console Pie Shop (renamed)')
    })

    it('searches the tenants by id and by name, asking the service', async () => {
        const page = b.page
        const search = page.getByLabel('Search tenants')
        const [answer] = await Promise.all([
            page.waitForResponse((r) => r.url().includes('/v1/admin/tenants?') && r.url().includes('search=')),
            search.fill(id),
        ])
        assert.equal(answer.status(), 200)
        await page.waitForFunction((want) => [...document.querySelectorAll('#tenant-list button.tenant')].map((x) => x.dataset.id).join() === want, id)
        await search.fill('pie shop')
        await page.waitForFunction((want) => [...document.querySelectorAll('#tenant-list button.tenant')].some((x) => x.dataset.id === want), id)
        const names = await page.locator('#tenant-list .tenant-name').allTextContents()
        assert.ok(names.length > 0 && names.every((n) => n.toLowerCase().includes('pie shop')), names.join(', '))
        await search.fill('no-tenant-is-called-this')
        await page.locator('#tenants-empty').getByText('No tenant matches').waitFor()
        await search.fill('')
        await page.waitForFunction(() => document.querySelectorAll('#tenant-list button.tenant').length > 1)
    })

    it('deletes the tenant only after confirming in a dialog', async () => {
        const page = b.page
        await page.getByRole('button', { name: 'Delete tenant' }).click()
        const dialog = page.getByRole('dialog', { name: `Delete tenant ${id}?` })
        await dialog.waitFor()
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'hidden' })
        assert.equal((await call('GET', `/v1/admin/tenants/${id}`)).status, 200, 'Escape cancels')

        await page.getByRole('button', { name: 'Delete tenant' }).click()
        await dialog.getByRole('button', { name: 'Yes, delete tenant' }).click()
        await page.waitForFunction(() => document.getElementById('tenant-status').textContent.includes('deleted'))
        assert.equal((await call('GET', `/v1/admin/tenants/${id}`)).status, 404)
        assert.equal(await page.locator(`button.tenant[data-id="${id}"]`).count(), 0)
        assert.equal(await page.getByRole('heading', { name: 'New tenant' }).isVisible(), true)
    })

    it('made no request to another origin and logged no error', () => {
        assertSameOrigin(b.requests)
        assert.deepEqual(b.errors, [])
    })
})
