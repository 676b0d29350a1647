// The console's pictures in the docs, taken by driving the page as a Litmos Account
// Owner would, step by step (docs/litmos-admin.md shows them in this order):
//   docs/images/console-sign-in.png   the sign-in form
//   docs/images/console-tenant.png    a new tenant's form, filled in
//   docs/images/console-enable.png    "Enable ServiceNow integration" checked: the key, masked
//   docs/images/console-rotate.png    after "Rotate key" with a 1 hour grace period
//   docs/images/console-revoke.png    the "Revoke old keys now" confirmation
//   docs/images/console-report.png    the effectiveness report
//   docs/admin-console.png            the whole page at the end
// Run on request against a local stack (`make screenshot`, or inside
// infra/with-stack.sh), never by the tests; it fails when a step does not happen.
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { call, deleteTenant, DOUBLE_BASE_URL, DOUBLE_LITMOS_KEY, makeReportData, openBrowser, openConsole, selectTenant, signIn } from './support.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const images = join(root, 'docs', 'images')
const whole = join(root, 'docs', 'admin-console.png')
const tenant = 'acme-support'

await deleteTenant(tenant)
await mkdir(images, { recursive: true })

const b = await openBrowser()
const taken = []
/** One element's picture, with nothing focused (no focus ring in it). */
async function shot(locator, name) {
    await b.page.evaluate(() => document.activeElement?.blur())
    const path = join(images, name)
    await locator.screenshot({ path })
    taken.push(path)
}

try {
    const { page } = b

    // 1. Sign in.
    await openConsole(page)
    await shot(page.locator('#sign-in'), 'console-sign-in.png')
    await signIn(page)

    // 2. A new tenant: the picture shows the US region; the stack's Litmos is the local
    //    double, so the tenant is saved with its address as a custom base URL.
    await page.getByRole('button', { name: 'New tenant' }).click()
    await page.getByLabel('Tenant id').fill(tenant)
    await page.getByLabel('Name', { exact: true }).fill('Acme Support')
    await page.getByLabel('Litmos region').selectOption({ label: 'US (api.litmos.com)' })
    await page.getByLabel('Litmos API key').fill('litmos-account-owner-key')
    await page.getByLabel('Source').fill('acme-servicenow')
    await shot(page.locator('#tenant-editor'), 'console-tenant.png')
    await page.getByLabel('Litmos region').selectOption({ label: 'Custom' })
    await page.getByLabel('Custom base URL').fill(DOUBLE_BASE_URL)
    await page.getByLabel('Litmos API key').fill(DOUBLE_LITMOS_KEY)
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('heading', { name: `Edit tenant ${tenant}` }).waitFor()

    // 3. Enable: the key is generated and shown masked.
    await page.getByLabel('Enable ServiceNow integration').check()
    await page.locator('#sn-on').waitFor()
    await shot(page.locator('#servicenow'), 'console-enable.png')

    // ServiceNow activates with the key and the app assigns training (through the API).
    const { api_key: key } = (await call('GET', `/v1/admin/tenants/${tenant}/servicenow`)).body
    await makeReportData(tenant, key)
    await makeReportData(tenant, key)
    await selectTenant(page, tenant)
    await page.waitForFunction(() => document.getElementById('sn-instance').textContent.startsWith('https://'))

    // 4. Rotate with a grace period.
    await page.getByLabel('Grace period for the old key').selectOption({ label: '1 hour' })
    await page.getByRole('button', { name: 'Rotate key' }).click()
    await page.locator('#sn-rotated').getByText('Old key works until').waitFor()
    await shot(page.locator('#servicenow'), 'console-rotate.png')

    // 5. Revoke the old key before its grace period ends.
    await page.getByRole('button', { name: 'Revoke old keys now' }).click()
    const dialog = page.getByRole('dialog', { name: 'Revoke the old keys now?' })
    await dialog.waitFor()
    await shot(page.locator('#confirm'), 'console-revoke.png')
    await dialog.getByRole('button', { name: 'Yes, revoke old keys' }).click()
    await page.locator('#sn-rotated').getByText('Old keys revoked').waitFor()

    // 6. The report.
    await page.locator('#report-output svg').waitFor()
    await shot(page.locator('#report'), 'console-report.png')

    await page.evaluate(() => document.activeElement?.blur())
    await page.screenshot({ path: whole, fullPage: true })
    taken.push(whole)
    if (b.errors.length) throw new Error(`the page logged errors: ${b.errors.join('; ')}`)
    for (const path of taken) console.log(`screenshot: ${path}`)
} finally {
    await b.close()
    await deleteTenant(tenant)
}
