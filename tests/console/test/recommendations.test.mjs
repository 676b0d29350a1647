// Recommendations: the form asks the admin route and says when no course has enough
// assignments yet (the live stack's data), a missing category lands beside its field,
// and a ranking (the API's answer, intercepted so the page gets a known one) is drawn as
// one row per course with its interval, and tabled with both sample sizes.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertSameOrigin, call, createTenant, deleteTenant, openBrowser, selectTenant, signIn, uniqueTenant } from '../support.mjs'

describe('Recommendations', () => {
    let b
    const id = uniqueTenant('console-rec')

    before(async () => {
        await createTenant(id, { enable: true })
        b = await openBrowser()
        await signIn(b.page)
        await selectTenant(b.page, id)
    })
    after(async () => {
        await deleteTenant(id)
        await b?.close()
    })

    it('asks the admin route and says when no course has enough assignments yet', async () => {
        const page = b.page
        const expected = await call('GET', `/v1/admin/tenants/${id}/reports/recommendations?category=vpn&table=incident`)
        assert.equal(expected.status, 200)
        assert.deepEqual(expected.body.items, [])
        await page.getByLabel('Category').fill('vpn')
        await page.getByLabel('Records').selectOption({ label: 'Incidents' })
        const [answer] = await Promise.all([
            page.waitForResponse((r) => r.url().includes(`/v1/admin/tenants/${id}/reports/recommendations?`)),
            page.getByRole('button', { name: 'Rank courses' }).click(),
        ])
        assert.equal(answer.status(), 200)
        assert.match(answer.url(), /category=vpn&table=incident$/)
        await page.locator('#rec-status').getByText(`No course for "vpn" has ${expected.body.min_sample} completed`).waitFor()
    })

    it('shows a missing category beside its field, as the API words it', async () => {
        const page = b.page
        await page.getByLabel('Category').fill('')
        await page.getByRole('button', { name: 'Rank courses' }).click()
        const error = page.locator('#rec-category-error')
        await error.waitFor()
        assert.match(await error.textContent(), /category/)
    })

    it('draws and tables a ranking, most repeats prevented first', async () => {
        const page = b.page
        const ranking = {
            category: 'vpn', table: null, window_days: 30, min_sample: 10,
            items: [
                { course_id: 'A1', name: 'VPN basics', completed: 10, not_completed: 10, repeat_rate_completed: 0.2, repeat_rate_not_completed: 0.8, difference: 0.6, interval: [0.1618, 0.8027] },
                { course_id: 'B1', name: 'Password <hygiene>', completed: 12, not_completed: 11, repeat_rate_completed: 0.25, repeat_rate_not_completed: 0.2727, difference: 0.0227, interval: [-0.33, 0.37] },
            ],
        }
        await page.route('**/reports/recommendations?*', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(ranking) }))
        await page.getByLabel('Category').fill('vpn')
        await page.getByRole('button', { name: 'Rank courses' }).click()
        await page.locator('#rec-status').getByText('2 courses for "vpn"').waitFor()
        const rows = page.locator('.rec-chart .rec-row')
        assert.equal(await rows.count(), 2)
        assert.equal(await rows.nth(0).getAttribute('data-course'), 'A1')
        assert.match(await rows.nth(0).locator('title').textContent(), /VPN basics: 60% fewer repeats \(95 % 16\.18% to 80\.27%\)/)
        // The interval line spans low..high on the same axis as the dot.
        const line = rows.nth(0).locator('line')
        const [x1, x2, cx] = [await line.getAttribute('x1'), await line.getAttribute('x2'), await rows.nth(0).locator('circle').getAttribute('cx')].map(Number)
        assert.ok(x1 < cx && cx < x2, `${x1} < ${cx} < ${x2}`)
        const cells = await page.locator('.rec-table tbody tr').first().locator('td').allTextContents()
        assert.deepEqual(cells, ['VPN basics', '10 (20%)', '10 (80%)', '60%', '16.18% to 80.27%'])
        assert.equal(await page.locator('.rec-table tbody tr').nth(1).locator('td').first().textContent(), 'Password <hygiene>', 'names are text, never markup')
        await page.unroute('**/reports/recommendations?*')
    })

    it('made no request to another origin and logged no error', () => {
        assertSameOrigin(b.requests)
        assert.deepEqual(b.errors, [])
    })
})
