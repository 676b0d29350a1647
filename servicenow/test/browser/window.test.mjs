// Issue 17, in headless Chromium: "Assign Courses" on the Incident and Case forms opens
// the course list in a window (GlideModal) over the form; the list's "Assign Courses"
// posts its result back, the window closes and the backend's messages show on the form,
// word for word; the page never navigates and unsaved edits stay. The case's learner is
// its contact, else its consumer's user, else a clear message. The workspace client
// script opens the same list with g_modal.showFrame (a recording g_modal).
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { actAs, reset, rows, seed, state } from '../support/glide.mjs'
import { configure } from '../support/config.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { openBrowser } from '../support/browser.mjs'
import { syncCatalog } from '../../src/server/catalog.js'

const AGENT_ROLE = 'x_litmo_litmos_int.litmos_training_user'
const BILLING = 'Billing <Basics> & "More"'

describe('Assign Courses: a window over the form', () => {
    let backend
    let browser
    before(async () => {
        backend = await startFakeBackend()
        browser = await openBrowser()
    })
    after(async () => {
        await browser.close()
        backend.stop()
    })
    beforeEach(() => {
        reset()
        configure({ backend_url: backend.url })
        state.interactive = false
        syncCatalog()
        state.interactive = true
        state.requests = [] // each test counts its own calls
        actAs({ user_name: 'agent', email: 'admin@pieshop.net', roles: ['itil', AGENT_ROLE] })
        browser.errors.length = 0
    })

    const page = () => browser.page
    const user = (name) => seed('sys_user', { user_name: `${name}.${Math.random()}`, email: `${name}.${Date.now()}.${Math.random()}@customer.example` })
    const shown = () => page().$$eval('#messages .outputmsg', (els) => els.map((e) => [e.className.replace('outputmsg outputmsg_', ''), e.textContent]))
    const frame = async () => {
        await page().waitForSelector('#modal:not([hidden]) iframe')
        const handle = await page().$('#modal iframe')
        const f = await handle.contentFrame()
        await f.waitForSelector('input.row')
        return f
    }
    const learnerCalls = () => state.requests.filter((r) => r.url.endsWith('/v1/servicenow/learners'))
    const assignments = () => state.requests.filter((r) => r.url.endsWith('/v1/servicenow/assignments'))

    async function assignFrom(path, actionId, courses) {
        await page().goto(`${browser.base}${path}`)
        await page().fill('#short_description', 'typed, not saved')
        const url = page().url()
        await page().click(`#${actionId}`)
        const f = await frame()
        for (const id of courses) await f.check(`input.row[data-course="${id}"]`)
        await f.click('#assign')
        await page().waitForSelector('#modal[hidden]', { state: 'attached' })
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.equal(page().url(), url, 'the form never navigated')
        assert.equal(await page().inputValue('#short_description'), 'typed, not saved', 'unsaved edits stay')
    }

    it('on an incident: open, select, assign, the window closes and the messages show on the form', async () => {
        const incident = seed('incident', { number: 'INC0000042', caller_id: user('caller') })
        await assignFrom(`/incident.html?record=${incident}`, 'x_litmo_litmos_int_open_course_list', ['C1', 'C2'])
        assert.deepEqual(await shown(), [['info', `You have successfully assigned these courses: ${BILLING}, Password reset`]])
        assert.equal(await page().$$eval('#messages b', (e) => e.length), 0, 'no HTML from course names')
        assert.deepEqual(JSON.parse(assignments()[0].body).incident, { sys_id: incident, number: 'INC0000042', table: 'incident' })
        assert.deepEqual(rows('x_litmo_litmos_int_training').map((r) => [r.record, r.course]).sort(), [[incident, BILLING], [incident, 'Password reset']])
        assert.deepEqual(browser.errors, [])
        assert.deepEqual(browser.offsite, [])
    })

    it('the permission refusal shows on the form, word for word', async () => {
        actAs({ user_name: 'leader', email: 'leader@pieshop.net', roles: ['itil', AGENT_ROLE] })
        const incident = seed('incident', { number: 'INC0000043', caller_id: user('caller') })
        await assignFrom(`/incident.html?record=${incident}`, 'x_litmo_litmos_int_open_course_list', ['C2'])
        const [[kind, text]] = await shown()
        assert.equal(kind, 'error')
        assert.match(text, /^You do not have permission to assign courses\. This requires an "Administrator" access level\./)
        assert.deepEqual(browser.errors, [])
    })

    it('on a case with a contact: the contact learns, the case is named with its table', async () => {
        const contact = user('contact')
        const kase = seed('sn_customerservice_case', { number: 'CS0010001', contact })
        await assignFrom(`/sn_customerservice_case.html?record=${kase}`, 'x_litmo_litmos_int_open_course_list_case', ['C3'])
        assert.deepEqual(await shown(), [['info', "You have successfully assigned these courses: Security 'first'"]])
        assert.equal(JSON.parse(learnerCalls()[0].body).caller.sys_id, contact)
        assert.deepEqual(JSON.parse(assignments()[0].body).incident, { sys_id: kase, number: 'CS0010001', table: 'sn_customerservice_case' })
        assert.equal(rows('x_litmo_litmos_int_training')[0].record_table, 'sn_customerservice_case')
    })

    it("on a case without a contact: the consumer's user learns", async () => {
        const consumerUser = user('consumer')
        const consumer = seed('csm_consumer', { user: consumerUser, name: 'Consumer' })
        const kase = seed('sn_customerservice_case', { number: 'CS0010002', consumer })
        await assignFrom(`/sn_customerservice_case.html?record=${kase}`, 'x_litmo_litmos_int_open_course_list_case', ['C2'])
        assert.deepEqual(await shown(), [['info', 'You have successfully assigned these courses: Password reset']])
        assert.equal(JSON.parse(learnerCalls()[0].body).caller.sys_id, consumerUser)
    })

    it('on a case with neither: the message, no window, no call', async () => {
        const kase = seed('sn_customerservice_case', { number: 'CS0010003' })
        await page().goto(`${browser.base}/sn_customerservice_case.html?record=${kase}`)
        await page().click('#x_litmo_litmos_int_open_course_list_case')
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.deepEqual(await shown(), [['error', 'This case has no contact or consumer to assign training to']])
        assert.equal(await page().isHidden('#modal'), true)
        assert.equal(state.requests.length, 0)
    })

    it('the workspace client script opens the list with g_modal.showFrame and shows the messages on the record', async () => {
        const incident = seed('incident', { number: 'INC0000044', caller_id: user('caller') })
        await page().goto(`${browser.base}/workspace.html?table=incident&record=${incident}`)
        await page().click('#workspace_assign')
        const f = await frame()
        const asked = await page().evaluate(() => window.__gModal)
        assert.equal(asked.length, 1)
        assert.equal(asked[0].title, 'Assign Courses')
        assert.equal(asked[0].url, `x_litmo_litmos_int_course_list.do?sysparm_x_litmo_record=${incident}&sysparm_x_litmo_table=incident&sysparm_stack=no&sysparm_x_litmo_host=workspace`)
        assert.equal(asked[0].hasCallback, true, 'showFrame gets a callback for the frame closing')
        await f.check('input.row[data-course="C1"]')
        await f.click('#assign')
        await page().waitForSelector('#modal[hidden]', { state: 'attached' })
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.deepEqual(await page().evaluate(() => window.__gModalClosed), [true], 'the list closed the frame, confirmed')
        assert.deepEqual(await shown(), [['info', `You have successfully assigned these courses: ${BILLING}`]])
        assert.deepEqual(browser.errors, [])
    })

    it('in the workspace, a refusal closes the frame too and shows the text on the record', async () => {
        actAs({ user_name: 'leader', email: 'leader@pieshop.net', roles: ['itil', AGENT_ROLE] })
        const kase = seed('sn_customerservice_case', { number: 'CS0010005', contact: user('contact') })
        await page().goto(`${browser.base}/workspace.html?table=sn_customerservice_case&record=${kase}`)
        await page().click('#workspace_assign')
        const f = await frame()
        await f.check('input.row[data-course="C2"]')
        await f.click('#assign')
        await page().waitForSelector('#modal[hidden]', { state: 'attached' })
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        const [[kind, text], ...rest] = await shown()
        assert.equal(kind, 'error')
        assert.match(text, /^You do not have permission to assign courses\./)
        assert.deepEqual(rest, [])
    })

    it('in the workspace, closing the frame without assigning shows nothing and assigns nothing', async () => {
        const incident = seed('incident', { number: 'INC0000045', caller_id: user('caller') })
        await page().goto(`${browser.base}/workspace.html?table=incident&record=${incident}`)
        await page().click('#workspace_assign')
        await frame()
        await page().click('#modal_close')
        assert.equal(await page().isHidden('#modal'), true)
        assert.deepEqual(await page().evaluate(() => window.__gModalClosed), [false])
        assert.deepEqual(await shown(), [])
        assert.equal(assignments().length, 0)
        assert.deepEqual(browser.errors, [])
    })

    it('the workspace client script on a case without a learner shows the message and opens nothing', async () => {
        const kase = seed('sn_customerservice_case', { number: 'CS0010004' })
        await page().goto(`${browser.base}/workspace.html?table=sn_customerservice_case&record=${kase}`)
        await page().click('#workspace_assign')
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.deepEqual(await shown(), [['error', 'This case has no contact or consumer to assign training to']])
        assert.deepEqual(await page().evaluate(() => window.__gModal), [])
        assert.equal(state.requests.length, 0)
    })
    it("Recommended in the window: the record's category's ranking, All courses back, assign from it, messages on the form", async () => {
        const incident = seed('incident', { number: 'INC0000046', caller_id: user('caller'), category: 'Network' })
        await page().goto(`${browser.base}/incident.html?record=${incident}`)
        await page().click('#x_litmo_litmos_int_open_course_list')
        let f = await frame()
        await f.click('#x_litmo_litmos_int_open_recommended')
        await f.waitForURL(/x_litmo_litmos_int_recommendation_list\.do/)
        await f.waitForSelector('input.row')
        assert.deepEqual(await f.$$eval('label', (els) => els.map((e) => e.textContent.trim())), ['1. C2', '2. C1'], 'ranked best first; only courses the catalog holds')
        await f.click('#x_litmo_litmos_int_open_all_courses')
        await f.waitForURL(/x_litmo_litmos_int_course_list\.do/)
        await f.waitForSelector('input.row[data-course="C3"]')
        await f.click('#x_litmo_litmos_int_open_recommended')
        await f.waitForURL(/x_litmo_litmos_int_recommendation_list\.do/)
        await f.check('input.row[data-course="C2"]')
        await f.click('#assign')
        await page().waitForSelector('#modal[hidden]', { state: 'attached' })
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.deepEqual(await shown(), [['info', 'You have successfully assigned these courses: Password reset']])
        assert.deepEqual(JSON.parse(assignments()[0].body).course_ids, ['C2'])
        assert.deepEqual(browser.errors, [])
    })

    it('Recommended on a record without a category says so above the list, and stays on it', async () => {
        const incident = seed('incident', { number: 'INC0000047', caller_id: user('caller') })
        await page().goto(`${browser.base}/incident.html?record=${incident}`)
        await page().click('#x_litmo_litmos_int_open_course_list')
        const f = await frame()
        await f.evaluate(() => { document.querySelector('#messages').innerHTML = '' })
        await f.click('#x_litmo_litmos_int_open_recommended')
        await f.waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.deepEqual(await f.$$eval('#messages .outputmsg', (els) => els.map((e) => [e.className, e.textContent])), [
            ['outputmsg outputmsg_error', 'This record has no category, so no courses can be recommended for it: set its category first.'],
        ])
        assert.match(f.url(), /x_litmo_litmos_int_course_list\.do/)
        assert.deepEqual(browser.errors, [])
    })
    it('in the workspace, Recommended stays a workspace frame: assigning from it closes the frame', async () => {
        const incident = seed('incident', { number: 'INC0000048', caller_id: user('caller'), category: 'network' })
        await page().goto(`${browser.base}/workspace.html?table=incident&record=${incident}`)
        await page().click('#workspace_assign')
        const f = await frame()
        await f.click('#x_litmo_litmos_int_open_recommended')
        await f.waitForURL(/x_litmo_litmos_int_recommendation_list\.do.*sysparm_x_litmo_host=workspace/)
        await f.click('#x_litmo_litmos_int_open_all_courses')
        await f.waitForURL(/x_litmo_litmos_int_course_list\.do.*sysparm_x_litmo_host=workspace/)
        await f.click('#x_litmo_litmos_int_open_recommended')
        await f.waitForURL(/x_litmo_litmos_int_recommendation_list\.do/)
        await f.check('input.row[data-course="C1"]')
        await f.click('#assign')
        await page().waitForSelector('#modal[hidden]', { state: 'attached' })
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.deepEqual(await page().evaluate(() => window.__gModalClosed), [true])
        assert.deepEqual(await shown(), [['info', `You have successfully assigned these courses: ${BILLING}`]])
        assert.deepEqual(browser.errors, [])
    })
})
