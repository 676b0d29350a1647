// Effectiveness: data made through the ServiceNow API (activation, a learner, three
// assignments from one incident, progress in the Litmos double, a sync, the caller's
// next incident), then the page's bars and table say the API's numbers, a field error
// lands beside its field, and "Download CSV" saves exactly the API's CSV.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { assertSameOrigin, call, createTenant, deleteTenant, makeReportData, openBrowser, selectTenant, signIn, uniqueTenant } from '../support.mjs'

/** 0.3333 -> "33.33%" (the rate in percent, at most 2 decimals), null -> "n/a". */
const pct = (rate) => (rate === null ? 'n/a' : `${Math.round(rate * 1e4) / 100}%`)

describe('Effectiveness report', () => {
    let b
    let key
    const id = uniqueTenant('console-report')
    const today = new Date().toISOString().slice(0, 10)
    const from = new Date(Date.now() - 29 * 86400_000).toISOString().slice(0, 10)

    before(async () => {
        ;({ key } = await createTenant(id, { enable: true }))
        await makeReportData(id, key)
        b = await openBrowser()
        await signIn(b.page)
        await selectTenant(b.page, id)
    })
    after(async () => {
        await deleteTenant(id)
        await b?.close()
    })

    it('defaults to the last 30 days up to today (UTC), by course, window 30', async () => {
        const page = b.page
        assert.equal(await page.getByLabel('From').inputValue(), from)
        assert.equal(await page.getByLabel('To', { exact: true }).inputValue(), today)
        assert.equal(await page.getByLabel('Group by').inputValue(), 'course')
        assert.equal(await page.getByLabel('Repeat window (days)').inputValue(), '30')
    })

    for (const groupBy of ['course', 'category', 'agent']) {
        it(`draws the bars by ${groupBy} with the API's numbers as text, and the same in a table`, async () => {
            const page = b.page
            const q = `from=${from}&to=${today}&group_by=${groupBy}&window_days=30`
            const api = (await call('GET', `/v1/admin/tenants/${id}/reports/effectiveness?${q}`)).body
            assert.ok(api.groups.length >= 1, JSON.stringify(api))
            await page.getByLabel('Group by').selectOption(groupBy)
            const [answer] = await Promise.all([
                page.waitForResponse((r) => r.url().includes(`/reports/effectiveness?`) && r.request().headers().accept === 'application/json'),
                page.getByRole('button', { name: 'Show report' }).click(),
            ])
            assert.equal(new URL(answer.url()).search, `?${q}`)
            await page.waitForFunction(() => !document.getElementById('report-show').disabled)
            const svg = page.locator('#report-output svg')
            assert.equal(await svg.getAttribute('role'), 'img')
            const drawn = await page.$$eval('#report-output svg g.report-group', (gs) =>
                gs.map((g) => ({ key: g.dataset.key, texts: [...g.querySelectorAll('text.bar-text')].map((t) => t.textContent) })),
            )
            assert.deepEqual(
                drawn,
                api.groups.map((g) => ({
                    key: g.key,
                    texts: [
                        `Completion ${pct(g.completion_rate)} (${g.completed} of ${g.assigned})`,
                        `Repeat after completed ${pct(g.repeat_after_completed.rate)} (${g.repeat_after_completed.repeated} of ${g.repeat_after_completed.assignments})`,
                        `Repeat after not completed ${pct(g.repeat_after_not_completed.rate)} (${g.repeat_after_not_completed.repeated} of ${g.repeat_after_not_completed.assignments})`,
                    ],
                })),
            )
            // Bar lengths follow the rates (320 px is 100 %).
            const widths = await page.$$eval('#report-output svg g.report-group', (gs) =>
                gs.map((g) => Object.fromEntries([...g.querySelectorAll('rect.bar')].map((r) => [r.dataset.metric, Number(r.getAttribute('width'))]))),
            )
            api.groups.forEach((g, i) => {
                assert.ok(Math.abs((widths[i].completion ?? 0) - (g.completion_rate ?? 0) * 320) < 0.2)
                assert.ok(Math.abs((widths[i]['repeat-completed'] ?? 0) - (g.repeat_after_completed.rate ?? 0) * 320) < 0.2)
            })
            const rows = await page.$$eval('#report-output table tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)))
            assert.deepEqual(
                rows.map((r) => r.slice(0, 5)),
                api.groups.map((g) => [g.label, String(g.assigned), String(g.started), String(g.completed), pct(g.completion_rate)]),
            )
            const totals = await page.$$eval('#report-output table tfoot td', (tds) => tds.map((c) => c.textContent))
            assert.equal(totals[0], String(api.totals.assigned))
        })
    }

    it('has the numbers the data was made to give', async () => {
        const api = (await call('GET', `/v1/admin/tenants/${id}/reports/effectiveness?from=${today}&to=${today}&group_by=category`)).body
        assert.equal(api.groups.length, 1)
        const g = api.groups[0]
        assert.deepEqual([g.key, g.assigned, g.started, g.completed, g.completion_rate], ['password', 3, 2, 1, 0.3333])
        assert.deepEqual(g.repeat_after_completed, { assignments: 1, repeated: 1, rate: 1 })
        assert.deepEqual(g.repeat_after_not_completed, { assignments: 2, repeated: 2, rate: 1 })
        const texts = await b.page.$$eval('#report-output svg text.bar-text', (ts) => ts.map((t) => t.textContent))
        assert.ok(texts.includes('Completion 33.33% (1 of 3)'), texts.join(' | '))
        assert.ok(texts.includes('Repeat after completed 100% (1 of 1)'), texts.join(' | '))
    })

    it('shows a bad date range beside its field', async () => {
        const page = b.page
        await page.getByLabel('From').fill('2020-01-01')
        await page.getByRole('button', { name: 'Show report' }).click()
        await page.locator('#report .error:not([hidden])').first().waitFor()
        const api = (await call('GET', `/v1/admin/tenants/${id}/reports/effectiveness?from=2020-01-01&to=${today}&group_by=agent&window_days=30`)).body
        assert.ok(api.field, JSON.stringify(api))
        const errorEl = page.locator(`#report-${api.field}-error`)
        assert.equal((await errorEl.textContent()).trim(), api.detail)
        assert.equal(await page.locator(`#report-${api.field}`).getAttribute('aria-invalid'), 'true')
        await page.getByLabel('From').fill(from)
        await page.getByRole('button', { name: 'Show report' }).click()
        await errorEl.waitFor({ state: 'hidden' })
    })

    it('downloads the same CSV the API gives', async () => {
        const page = b.page
        await page.getByLabel('Group by').selectOption('course')
        const q = `from=${from}&to=${today}&group_by=course&window_days=30`
        const api = await call('GET', `/v1/admin/tenants/${id}/reports/effectiveness?${q}`, { headers: { accept: 'text/csv' } })
        assert.equal(api.status, 200)
        assert.match(api.headers.get('content-type'), /^text\/csv/)
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()])
        assert.equal(download.suggestedFilename(), `effectiveness-${id}-${from}-${today}.csv`)
        const saved = await readFile(await download.path(), 'utf8')
        assert.equal(saved, api.text)
        assert.ok(saved.startsWith('key,label,assigned,started,completed,completion_rate,'))
        assert.equal(saved.trim().split(/\r?\n/).length, 4, 'header and one line per course')
    })

    it('keeps every text at WCAG AA contrast (4.5:1, 3:1 when large), the chart included', async () => {
        const low = await b.page.evaluate(() => {
            const rgb = (c) => {
                const m = c.match(/rgba?\(([^)]+)\)/)
                if (!m) return null
                const [r, g, bl, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number)
                return { r, g, b: bl, a }
            }
            const lum = ({ r, g, b }) => {
                const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
            }
            const background = (el) => {
                for (let e = el; e; e = e.parentElement) {
                    const c = rgb(getComputedStyle(e).backgroundColor)
                    if (c && c.a > 0) return c
                }
                return { r: 255, g: 255, b: 255 }
            }
            const found = []
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const el = n.parentElement
                if (!n.textContent.trim() || !el.checkVisibility() || el.closest('[disabled], dialog:not([open])')) continue
                const s = getComputedStyle(el)
                const fg = rgb(el instanceof SVGElement ? s.fill : s.color)
                if (!fg) continue
                const [hi, lo] = [lum(fg), lum(background(el))].sort((x, y) => y - x)
                const ratio = (hi + 0.05) / (lo + 0.05)
                const size = parseFloat(s.fontSize)
                const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700)
                if (ratio < (large ? 3 : 4.5)) found.push(`${ratio.toFixed(2)} "${n.textContent.trim().slice(0, 40)}"`)
            }
            return found
        })
        assert.deepEqual(low, [])
    })

    it('shows where the keyboard is: a visible focus outline', async () => {
        const page = b.page
        await page.getByRole('button', { name: 'Show report' }).focus()
        await page.keyboard.press('Tab')
        const outline = await page.evaluate(() => {
            const s = getComputedStyle(document.activeElement)
            return { id: document.activeElement.id, style: s.outlineStyle, width: parseFloat(s.outlineWidth) }
        })
        assert.equal(outline.id, 'report-csv')
        assert.notEqual(outline.style, 'none')
        assert.ok(outline.width >= 2, JSON.stringify(outline))
    })

    it('made no request to another origin and logged no error', () => {
        assertSameOrigin(b.requests)
        assert.deepEqual(b.errors, [])
    })
})
