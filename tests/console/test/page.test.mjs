// The page itself: its headers, signing in (a wrong token, then the right one, by
// keyboard), where the token is kept, signing out, and that nothing leaves the origin.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertSameOrigin, call, consoleModules, createTenant, deleteTenant, env, openBrowser, openConsole, signIn, uniqueTenant } from '../support.mjs'

describe('The admin console page', () => {
    let b
    before(async () => {
        b = await openBrowser()
    })
    after(async () => {
        await b?.close()
    })

    it('is served with a strict CSP, nosniff and no referrer, and its assets too', async () => {
        const assets = new Map()
        const record = (r) => assets.set(new URL(r.url()).pathname, r)
        b.page.on('response', record)
        const res = await openConsole(b.page)
        b.page.off('response', record)
        assert.equal(res.status(), 200)
        const h = res.headers()
        assert.match(h['content-type'], /^text\/html/)
        assert.match(h['content-security-policy'], /frame-ancestors 'none'/)
        assert.match(h['content-security-policy'], /default-src 'self'/)
        assert.doesNotMatch(h['content-security-policy'], /unsafe-inline|unsafe-eval/)
        assert.equal(h['x-content-type-options'], 'nosniff')
        assert.equal(h['referrer-policy'], 'no-referrer')
        // The script is ES modules: every one of them is loaded, from this origin, as JavaScript.
        const modules = consoleModules()
        assert.ok(modules.length > 1 && modules.includes('/admin/console.js'), modules.join(', '))
        const loaded = [...assets.keys()].filter((p) => p.endsWith('.js')).sort()
        assert.deepEqual(loaded, modules, 'the page loads each module of shared/api/console and no other script')
        for (const [asset, type] of [...modules.map((m) => [m, /^text\/javascript/]), ['/admin/console.css', /^text\/css/]]) {
            const r = assets.get(asset)
            assert.equal(r?.status(), 200, asset)
            assert.match(r.headers()['content-type'], type, asset)
            assert.equal(r.headers()['x-content-type-options'], 'nosniff', asset)
            assert.match(r.headers()['content-security-policy'], /script-src 'self'/, asset)
        }
        assert.equal(await b.page.evaluate(() => document.documentElement.dataset.ready), 'true', 'the modules ran')
        // The page runs under its CSP without a violation (no inline script or style).
        const violations = await b.page.evaluate(
            () =>
                new Promise((resolve) => {
                    const seen = []
                    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
                    setTimeout(() => resolve(seen), 300)
                }),
        )
        assert.deepEqual(violations, [])
        assert.equal(await b.page.locator('[style]').count(), 0, 'no inline style attribute')
    })

    it('shows the API 401 detail next to the field for a wrong token', async () => {
        const page = b.page
        await openConsole(page)
        const expected = (await call('GET', '/v1/admin/tenants?limit=1', { token: 'not-the-admin-token' })).body.detail
        assert.ok(expected)
        const field = page.getByLabel('Admin token')
        await field.fill('not-the-admin-token')
        await page.getByRole('button', { name: 'Sign in' }).click()
        const error = page.locator('#admin-token-error')
        await error.waitFor({ state: 'visible' })
        assert.equal((await error.textContent()).trim(), expected)
        assert.equal(await field.getAttribute('aria-invalid'), 'true')
        assert.match(await field.getAttribute('aria-describedby'), /\badmin-token-error\b/)
        assert.equal(await error.getAttribute('role'), 'alert')
        assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused token is not kept')
        assert.equal(await page.locator('#console').isVisible(), false)
    })

    it('signs in with the admin token by keyboard, keeps it in sessionStorage only, and signs out', async () => {
        const page = b.page
        await openConsole(page)
        await page.getByLabel('Admin token').focus()
        await page.keyboard.type(env.adminToken)
        await page.keyboard.press('Enter')
        await page.getByRole('heading', { name: 'Tenants' }).waitFor()
        await page.locator(`button.tenant[data-id="${env.demoTenant}"]`).waitFor()
        assert.equal(await page.getByLabel('Admin token').inputValue(), '', 'the field is cleared')
        const stored = await page.evaluate(() => ({
            session: Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)),
            local: localStorage.length,
            cookie: document.cookie,
            url: location.href,
        }))
        assert.deepEqual(stored.session, [env.adminToken])
        assert.equal(stored.local, 0)
        assert.equal(stored.cookie, '')
        assert.equal(stored.url, `${env.base}/admin`)
        const cookies = await b.context.cookies()
        assert.deepEqual(cookies, [])

        // Loading the page again in the same tab resumes the session.
        await openConsole(page)
        await page.locator(`button.tenant[data-id="${env.demoTenant}"]`).waitFor()

        await page.getByRole('button', { name: 'Sign out' }).click()
        await page.getByLabel('Admin token').waitFor()
        assert.equal(await page.evaluate(() => sessionStorage.length), 0)
        assert.equal(await page.locator('#console').isVisible(), false)
        assert.equal(await page.locator('#tenant-list li').count(), 0, 'nothing of the session is left on the page')
    })

    it('labels every control', async () => {
        const page = b.page
        await openConsole(page)
        const unlabelled = await page.evaluate(() =>
            [...document.querySelectorAll('input, select, textarea')].filter((el) => el.labels.length === 0).map((el) => el.id),
        )
        assert.deepEqual(unlabelled, [])
        const nameless = await page.evaluate(() =>
            [...document.querySelectorAll('button')].filter((el) => !(el.getAttribute('aria-label') || el.textContent.trim())).map((el) => el.id),
        )
        assert.deepEqual(nameless.filter((id) => id !== 'confirm-ok'), [], 'every button says what it does (the dialog sets its own)')
    })

    it('pages the tenant list with "Load more"', async () => {
        const page = b.page
        const mine = [uniqueTenant('console-page-a'), uniqueTenant('console-page-b')]
        for (const id of mine) await createTenant(id)
        const all = []
        for (let cursor = ''; ; ) {
            const r = await call('GET', `/v1/admin/tenants?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
            assert.equal(r.status, 200, r.text)
            all.push(...r.body.tenants.map((t) => t.id))
            if (!r.body.next_cursor) break
            cursor = r.body.next_cursor
        }
        assert.ok(mine.every((id) => all.includes(id)), 'the list holds the new tenants')
        // The first page is made one tenant long, so the real API hands out a cursor.
        const firstPage = (url) => url.pathname === '/v1/admin/tenants' && !url.searchParams.has('cursor')
        await page.route(firstPage, (route) => route.continue({ url: route.request().url().replace('limit=100', 'limit=1') }))
        try {
            await signIn(page)
            await page.locator('button.tenant').first().waitFor()
            assert.equal(await page.locator('button.tenant').count(), 1)
            const more = page.getByRole('button', { name: 'Load more' })
            while (await more.isVisible()) {
                await more.click()
                await page.waitForFunction(() => !document.getElementById('load-more').disabled)
            }
            const shown = await page.$$eval('button.tenant', (bs) => bs.map((x) => x.dataset.id))
            assert.deepEqual(shown, all)
        } finally {
            await page.unroute(firstPage)
            for (const id of mine) await deleteTenant(id)
        }
    })

    it('goes back to signing in when the token stops working', async () => {
        const page = b.page
        await signIn(page)
        await page.evaluate(() => sessionStorage.setItem(sessionStorage.key(0), 'a-token-that-was-revoked'))
        await page.locator(`button.tenant[data-id="${env.demoTenant}"]`).click()
        const error = page.locator('#admin-token-error')
        await error.waitFor({ state: 'visible' })
        assert.ok((await error.textContent()).length > 0)
        assert.equal(await page.locator('#console').isVisible(), false)
        assert.equal(await page.evaluate(() => sessionStorage.length), 0)
    })

    it('made no request to another origin and logged no error', () => {
        assertSameOrigin(b.requests)
        assert.ok(b.requests.every((u) => !u.includes(env.adminToken)), 'the token is never in a URL')
        assert.deepEqual(b.errors, [])
    })
})
