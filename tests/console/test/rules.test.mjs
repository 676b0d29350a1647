// Automatic training rules: a rule added in the form is listed from the API with its
// category and courses, a course Litmos does not have is named on its rule, a bad field
// is shown beside its input in the API's words, and a rule deleted after the confirm
// dialog is gone (on the page and in the API).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertSameOrigin, call, createTenant, deleteTenant, openBrowser, selectTenant, signIn, uniqueTenant } from '../support.mjs'

describe('Rules', () => {
    let b
    const id = uniqueTenant('console-rules')
    let course

    before(async () => {
        const { key } = await createTenant(id, { enable: true })
        const catalog = await call('GET', '/v1/servicenow/catalog', { token: key })
        assert.equal(catalog.status, 200, catalog.text)
        course = catalog.body.items.find((c) => c.active)
        b = await openBrowser()
        await signIn(b.page)
        await selectTenant(b.page, id)
    })
    after(async () => {
        await deleteTenant(id)
        await b?.close()
    })

    it('says there are no rules yet', async () => {
        await b.page.locator('#rules-status').getByText('No rules yet').waitFor()
    })

    it('shows a bad field beside its input, as the API words it', async () => {
        const page = b.page
        await page.getByLabel('Rule id').fill('has space')
        await page.getByLabel('Rule name').fill('VPN basics')
        await page.getByLabel('Matches').fill('Network')
        await page.getByLabel('Litmos course ids').fill(course.id)
        await page.getByRole('button', { name: 'Add or replace rule' }).click()
        const error = page.locator('#rule-id-error')
        await error.waitFor()
        assert.match(await error.textContent(), /letters, digits/)
        assert.deepEqual((await call('GET', `/v1/admin/tenants/${id}/rules`)).body, { rules: [] }, 'nothing was kept')
    })

    it('adds a rule and names the course Litmos does not have', async () => {
        const page = b.page
        await page.getByLabel('Rule id').fill('vpn')
        await page.getByLabel('Applies to').selectOption({ label: 'Cases' })
        await page.getByLabel('Litmos course ids').fill(`${course.id}, retired-course`)
        await page.getByRole('button', { name: 'Add or replace rule' }).click()
        await page.locator('#rules-status').getByText('Rule "VPN basics" saved.').waitFor()
        const row = page.locator('#rules-body tr[data-rule="vpn"]')
        await row.waitFor()
        const cells = await row.locator('td').allTextContents()
        assert.equal(cells[0], 'VPN basics')
        assert.equal(cells[1], 'Cases: Network')
        assert.match(cells[2], new RegExp(`^${course.id}, retired-course`))
        assert.equal(await row.locator('.rule-missing').textContent(), 'Litmos no longer has: retired-course (skipped when the rule fires).')
        const api = await call('GET', `/v1/admin/tenants/${id}/rules`)
        assert.deepEqual(api.body.rules.map((r) => [r.id, r.when, r.course_ids, r.active]), [['vpn', { table: 'case', category: 'Network' }, [course.id, 'retired-course'], true]])
    })

    it('deletes a rule after the confirm dialog', async () => {
        const page = b.page
        await page.getByRole('button', { name: 'Delete rule VPN basics' }).click()
        await page.getByRole('dialog', { name: 'Delete rule "VPN basics"?' }).getByRole('button', { name: 'Delete rule' }).click()
        await page.locator('#rules-status').getByText('No rules yet').waitFor()
        assert.deepEqual((await call('GET', `/v1/admin/tenants/${id}/rules`)).body, { rules: [] })
    })

    it('made no request to another origin and logged no error', () => {
        assertSameOrigin(b.requests)
        assert.deepEqual(b.errors, [])
    })
})
