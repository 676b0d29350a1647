// Start course links in the tenant form: off for a tenant made without them, turned on
// with a lifetime and saved (the API then has them, and the recommendations' minimum
// sample the form does not show is kept), and a lifetime out of range shown beside its
// field in the API's words.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { DOUBLE_BASE_URL, DOUBLE_LITMOS_KEY, assertSameOrigin, call, deleteTenant, openBrowser, selectTenant, signIn, uniqueTenant } from '../support.mjs'

describe('Start links', () => {
    let b
    const id = uniqueTenant('console-links')

    before(async () => {
        const r = await call('PUT', `/v1/admin/tenants/${id}`, {
            body: { name: 'Links', litmos: { base_url: DOUBLE_BASE_URL, api_key: DOUBLE_LITMOS_KEY, source: 'console-test' }, recommendations: { min_sample: 25 } },
        })
        assert.equal(r.status, 201, r.text)
        b = await openBrowser()
        await signIn(b.page)
        await selectTenant(b.page, id)
    })
    after(async () => {
        await deleteTenant(id)
        await b?.close()
    })

    it('shows links off for a tenant made without them', async () => {
        assert.equal(await b.page.getByLabel('Give callers "start course" links').isChecked(), false)
        assert.equal(await b.page.getByLabel('Start links work for (days)').inputValue(), '30')
    })

    it('shows a lifetime out of range beside its field', async () => {
        const page = b.page
        await page.getByLabel('Give callers "start course" links').check()
        await page.getByLabel('Start links work for (days)').fill('91')
        await page.getByLabel('Litmos API key').fill(DOUBLE_LITMOS_KEY)
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        const error = page.locator('#start-link-days-error')
        await error.waitFor()
        assert.match(await error.textContent(), /1 to 90/)
        assert.equal((await call('GET', `/v1/admin/tenants/${id}`)).body.start_links.enabled, false, 'nothing was saved')
    })

    it('saves links on with their lifetime, keeping what the form does not show', async () => {
        const page = b.page
        await page.getByLabel('Start links work for (days)').fill('7')
        await page.getByLabel('Litmos API key').fill(DOUBLE_LITMOS_KEY)
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await page.locator('#tenant-status').getByText(`Tenant ${id} saved.`).waitFor()
        const t = (await call('GET', `/v1/admin/tenants/${id}`)).body
        assert.deepEqual(t.start_links, { enabled: true, expire_days: 7 })
        assert.deepEqual(t.recommendations, { min_sample: 25 }, 'saving the form kept the minimum sample')
        assert.equal(await page.getByLabel('Give callers "start course" links').isChecked(), true)
    })

    it('made no request to another origin and logged no error', () => {
        assertSameOrigin(b.requests)
        assert.deepEqual(b.errors, [])
    })
})
