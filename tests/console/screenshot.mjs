// docs/admin-console.png: the console signed in, a tenant selected with ServiceNow
// enabled and activated, and its effectiveness report drawn. Run on request against a
// local stack (`make screenshot`, or inside infra/with-stack.sh), never by the tests.
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { call, createTenant, deleteTenant, makeReportData, openBrowser, selectTenant, signIn } from './support.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const out = join(root, 'docs', 'admin-console.png')
const tenant = 'acme-support'

await deleteTenant(tenant)
const { key } = await createTenant(tenant, { name: 'Acme Support', enable: true })
await makeReportData(tenant, key)
await makeReportData(tenant, key)

const b = await openBrowser()
try {
    const { page } = b
    await signIn(page)
    await selectTenant(page, tenant)
    await page.waitForFunction(() => document.getElementById('sn-instance').textContent.startsWith('https://'))
    await page.locator('#report-output svg').waitFor()
    // Nothing focused, so no focus ring in the picture.
    await page.evaluate(() => document.activeElement?.blur())
    await mkdir(dirname(out), { recursive: true })
    await page.screenshot({ path: out, fullPage: true })
    const check = await call('GET', `/v1/admin/tenants/${tenant}`)
    console.log(`screenshot: ${out} (${check.body.name})`)
} finally {
    await b.close()
    await deleteTenant(tenant)
}
