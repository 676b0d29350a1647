// The client scripts in headless Chromium: "Assign Courses" on the course list (the
// list choice) and the incident form's client-side UI action, with GlideAjax served by
// LitmosTrainingAjax in the Glide shim against the stand-in backend (real HTTP). What
// the agent sees: success, already assigned, the permission pop-up (SPEC 3.3), the
// backend down, an empty GlideAjax answer, and a double click that assigns once.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { actAs, reset, seed, state } from '../support/glide.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { openBrowser } from '../support/browser.mjs'
import { seedCourses } from '../support/courses.mjs'
import { COURSES } from '../support/fake-data.mjs'
import { configure } from '../support/config.mjs'

const AGENT_ROLE = 'x_litmo_litmos_int.litmos_training_user'
const PERMISSION =
    'You do not have permission to assign courses. This requires an "Administrator" access level. Please make sure you are an Administrator in Litmos before attempting to assign courses.'
const BILLING = 'Billing <Basics> & "More"'
const UNREACHABLE = 'Litmos Training is not reachable, try again'

describe('Assign Courses in the browser', () => {
    let backend
    let browser
    let incident
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
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true, status: 'active' })
        const caller = seed('sys_user', { user_name: `caller.${Math.random()}`, email: `caller.${Date.now()}.${Math.random()}@customer.example` })
        incident = seed('incident', { number: 'INC0000042', caller_id: caller })
        actAs({ user_name: 'agent', email: 'admin@pieshop.net', roles: ['itil', AGENT_ROLE] })
        seedCourses(COURSES)
        browser.errors.length = 0
    })

    const page = () => browser.page
    async function openList() {
        await page().goto(`${browser.base}/courses.html?sysparm_x_litmo_record=${incident}&sysparm_x_litmo_table=incident`)
    }
    async function check(...ids) {
        for (const id of ids) await page().check(`input.row[data-course="${id}"]`)
    }
    async function clickAssign() {
        // Start from an empty message area, so what appears is this click's answer.
        await page().evaluate(() => {
            document.querySelector('#messages').innerHTML = ''
        })
        await page().click('#assign')
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0 || !document.querySelector('#modal').hidden)
    }
    /** The messages as the agent reads them (text), with their kind. */
    const shown = () =>
        page().$$eval('#messages .outputmsg', (els) => els.map((e) => [e.className.replace('outputmsg outputmsg_', ''), e.textContent]))
    const assignments = () => state.requests.filter((r) => r.url.endsWith('/v1/servicenow/assignments'))

    it('success: the backend message, names shown as text (no HTML from course names)', async () => {
        await openList()
        await check('C1', 'C2')
        await clickAssign()
        assert.deepEqual(await shown(), [['info', `You have successfully assigned these courses: ${BILLING}, Password reset`]])
        assert.equal(await page().$$eval('#messages basics, #messages b', (e) => e.length), 0, 'no element made from a course name')
        assert.equal(await page().isHidden('#modal'), true)
        assert.equal(assignments().length, 1)
        assert.equal(assignments()[0].headers['X-Agent'], 'admin@pieshop.net')
        assert.deepEqual(browser.errors, [])
    })

    it('already assigned: one line per course, on a new page view', async () => {
        await openList()
        await check('C3')
        await clickAssign()
        await openList()
        await check('C3', 'C1')
        await clickAssign()
        assert.deepEqual(await shown(), [
            ['info', `You have successfully assigned these courses: ${BILLING}`],
            ['info', "Security 'first' is already assigned"],
        ])
        assert.deepEqual(browser.errors, [])
    })

    it('permission refused: the 403 text pops up, word for word', async () => {
        actAs({ user_name: 'learner', email: 'learner@pieshop.net', roles: ['itil', AGENT_ROLE] })
        await openList()
        await check('C2')
        await clickAssign()
        assert.equal(await page().isVisible('#modal'), true)
        assert.equal(await page().textContent('#modal .body'), PERMISSION)
        assert.deepEqual(await shown(), [])
        assert.deepEqual(browser.errors, [])
    })

    it('backend down: "not reachable", no TypeError', async () => {
        state.tables.x_litmo_litmos_int_configuration[0].backend_url = 'http://127.0.0.1:9'
        await openList()
        await check('C2')
        await clickAssign()
        assert.deepEqual(await shown(), [['error', UNREACHABLE]])
        assert.deepEqual(browser.errors, [])
    })

    it('GlideAjax answering nothing (the ACL refuses the call): a message, not JSON.parse(null).ok', async () => {
        actAs({ user_name: 'norole', email: 'admin@pieshop.net', roles: ['itil'] })
        await openList()
        await check('C2')
        await clickAssign()
        assert.deepEqual(await shown(), [['error', UNREACHABLE]])
        assert.equal(assignments().length, 0)
        assert.deepEqual(browser.errors, [])
    })

    it('a double click assigns once and shows the answer once', async () => {
        await openList()
        await check('C2')
        const before = browser.ajax.calls
        await page().dblclick('#assign')
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        await page().waitForTimeout(300)
        assert.equal(browser.ajax.calls - before, 1, 'one GlideAjax call')
        assert.equal(assignments().length, 1)
        assert.deepEqual(await shown(), [['info', 'You have successfully assigned these courses: Password reset']])
        // Clicking again on the same page view replays the first answer (same Idempotency-Key).
        await clickAssign()
        assert.equal(assignments().length, 2)
        assert.equal(assignments()[0].headers['Idempotency-Key'], assignments()[1].headers['Idempotency-Key'])
        assert.deepEqual(await shown(), [['info', 'You have successfully assigned these courses: Password reset']])
        assert.deepEqual(browser.errors, [])
    })

    it('nothing selected: says so, calls nothing', async () => {
        await openList()
        const calls = browser.ajax.calls
        await page().click('#assign')
        await page().waitForFunction(() => document.querySelector('#messages').childElementCount > 0)
        assert.deepEqual(await shown(), [['error', 'Select one or more courses first.']])
        assert.equal(browser.ajax.calls, calls)
        assert.equal(assignments().length, 0)
    })

    it("the incident form's Litmos Training link opens the incident's training list", async () => {
        await page().goto(`${browser.base}/incident.html?incident=${incident}`)
        await Promise.all([page().waitForURL(/x_litmo_litmos_int_training_list\.do/), page().click('#x_litmo_litmos_int_open_training')])
        assert.equal(await page().textContent('#landed'), `/x_litmo_litmos_int_training_list.do?sysparm_query=record%3D${incident}`)
        assert.deepEqual(browser.errors, [])
        assert.deepEqual(browser.offsite, [])
    })
})
