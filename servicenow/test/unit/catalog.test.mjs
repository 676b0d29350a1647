// Issue 16 item 2: the local course table. The scheduled job pages the backend's catalog
// into it (1,000 courses a request), marks inactive and removed courses, refreshes on
// demand when the backend's generation changes, and each agent sees only what their
// Litmos access level lets them assign, from one cached call. Real HTTP to the stand-in
// backend; the before-query rule is the Fluent one, run by the shim on every query.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { actAs, reset, rows, seed, state } from '../support/glide.mjs'
import { listCourses } from '../support/courses.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { COURSES } from '../support/fake-data.mjs'
import { readCatalog, refreshCatalogIfStale, syncCatalog } from '../../src/server/catalog.js'
import { prepareCourseList } from '../../src/server/course-list.js'
import { GlideRecord } from '../support/glide.mjs'
import { configure, setKey } from '../support/config.mjs'

const AGENT_ROLE = 'x_litmo_litmos_int.litmos_training_user'
const COURSE_TABLE = 'x_litmo_litmos_int_course'
const config = () => rows('x_litmo_litmos_int_configuration')[0]
const catalogCalls = () => state.requests.filter((r) => r.url.includes('/v1/servicenow/catalog'))
const accessCalls = () => state.requests.filter((r) => r.url.includes('/v1/servicenow/courses/assignable'))

describe('course catalog sync', () => {
    let backend
    const setCatalog = (body) =>
        fetch(`${backend.url}/_fake/catalog`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json())
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(async () => {
        reset()
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true, status: 'active' })
        await setCatalog({ items: COURSES })
    })

    it('syncs 5,000 courses in 5 requests, then writes nothing when nothing changed', async () => {
        const { generation } = await setCatalog({ count: 5000 })
        state.interactive = false // the scheduled job
        const first = syncCatalog()
        assert.equal(first.ok, true)
        assert.equal(first.requests, 5)
        assert.equal(catalogCalls().length, 5)
        assert.ok(catalogCalls().every((r) => new URL(r.url).searchParams.get('limit') === '1000'))
        assert.equal(first.inserted, 5000)
        assert.equal(rows(COURSE_TABLE).length, 5000)
        assert.equal(config().catalog_generation, generation)
        assert.equal(config().catalog_total, '5000')
        assert.equal(accessCalls().length, 0, 'the sync never asks what an agent may assign')

        const again = syncCatalog()
        assert.deepEqual([again.inserted, again.updated, again.removed, again.unchanged], [0, 0, 0, 5000])
    })

    it('marks removed and inactive courses, and brings a removed course back when it returns', async () => {
        syncCatalog()
        assert.equal(rows(COURSE_TABLE).length, 3)
        await setCatalog({ items: [{ ...COURSES[0], active: false }, COURSES[2], { id: 'C4', code: 'NEW', name: 'New course', description: '', active: true }] })
        const r = syncCatalog()
        assert.deepEqual([r.inserted, r.updated, r.removed, r.inactive], [1, 1, 1, 1])
        const byId = Object.fromEntries(rows(COURSE_TABLE).map((row) => [row.course_id, row]))
        assert.equal(byId.C1.active, 'false')
        assert.equal(byId.C1.removed, 'false')
        assert.equal(byId.C2.removed, 'true', 'kept, marked removed')
        assert.equal(byId.C4.name, 'New course')
        await setCatalog({ items: COURSES })
        syncCatalog()
        const back = rows(COURSE_TABLE).find((row) => row.course_id === 'C2')
        assert.equal(back.removed, 'false')
        assert.equal(rows(COURSE_TABLE).length, 4)
    })

    it('reads again from the start when the catalog changes while it is paged (409)', async () => {
        await setCatalog({ count: 2500 })
        const { LitmosTrainingClient } = await import('../support/scope.mjs')
        const real = new LitmosTrainingClient()
        // First page of generation A, then the catalog changes: the cursor is refused (409).
        const firstPage = real.catalog('', 1000)
        await setCatalog({ count: 2600 })
        const stale = real.catalog(firstPage.data.next_cursor, 1000)
        assert.equal(stale.status, 409)
        let served = 0
        const flaky = {
            catalog(cursor, limit) {
                served++
                return served === 2 ? stale : real.catalog(cursor, limit)
            },
        }
        const read = readCatalog(flaky)
        assert.equal(read.ok, true)
        assert.equal(read.items.length, 2600)
        assert.equal(served, 2 + 3, 'one page, the 409, then the three pages of the new catalog')
    })

    it('refreshes on demand only when the generation differs, checking at most every few minutes', async () => {
        syncCatalog()
        state.requests = []
        assert.deepEqual(refreshCatalogIfStale(), { checked: false, synced: false, ok: true }, 'just checked: no call')
        assert.equal(state.requests.length, 0)
        config().catalog_checked_at = '2000-01-01 00:00:00'
        assert.deepEqual(refreshCatalogIfStale(), { checked: true, synced: false, ok: true })
        assert.deepEqual(catalogCalls().map((r) => new URL(r.url).searchParams.get('limit')), ['1'], 'one cheap call')
        await setCatalog({ count: 1500 })
        config().catalog_checked_at = '2000-01-01 00:00:00'
        state.requests = []
        const r = refreshCatalogIfStale()
        assert.equal(r.synced, true)
        assert.deepEqual(catalogCalls().map((q) => new URL(q.url).searchParams.get('limit')), ['1', '1000', '1000'])
        assert.equal(rows(COURSE_TABLE).filter((row) => row.removed === 'false').length, 1500)
    })

    it('a failed read keeps the table and says why on the configuration', () => {
        syncCatalog()
        setKey('lsn_revoked', backend.url)
        const r = syncCatalog()
        assert.equal(r.ok, false)
        assert.match(config().catalog_error, /refused the API key/)
        assert.equal(rows(COURSE_TABLE).filter((row) => row.removed === 'false').length, 3, 'nothing marked removed')
    })
})

describe('what each agent sees of the course table', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => {
        reset()
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true, status: 'active' })
        state.interactive = false
        syncCatalog()
        state.interactive = true
        // An inactive and a removed course the agents must not see.
        seed(COURSE_TABLE, { course_id: 'C8', name: 'Old course', active: false, removed: false })
        seed(COURSE_TABLE, { course_id: 'C9', name: 'Gone course', active: true, removed: true })
        state.requests = []
    })
    const as = (email) => actAs({ user_name: email.split('@')[0], email, roles: ['itil', AGENT_ROLE] })

    it('an Administrator sees every active course, and a list refresh asks the backend nothing', () => {
        as('admin@pieshop.net')
        const first = listCourses()
        assert.deepEqual(first.rows.map((r) => r.course_id).sort(), ['C1', 'C2', 'C3'])
        assert.equal(accessCalls().length, 1)
        assert.equal(accessCalls()[0].headers['X-Agent'], 'admin@pieshop.net')
        const sent = state.requests.length
        for (let i = 0; i < 5; i++) {
            const again = listCourses(i % 2 ? 'code=PWD1' : '')
            assert.ok(again.rows.length >= 1)
        }
        assert.equal(state.requests.length, sent, 'refresh, filter and sort: zero backend calls')
    })

    it("a Team Leader sees only their teams' courses", () => {
        as('leader@pieshop.net')
        assert.deepEqual(listCourses().rows.map((r) => r.course_id), ['C2'])
    })

    it('a Learner sees none and is told why; a stranger sees the backend\'s reason', () => {
        as('learner@pieshop.net')
        const learner = listCourses()
        assert.deepEqual(learner.rows, [])
        assert.deepEqual(learner.infos, ['Your Litmos access level (Learner) lets you assign no courses.'])
        as('stranger@nowhere.example')
        const stranger = listCourses()
        assert.deepEqual(stranger.rows, [])
        assert.deepEqual(stranger.errors, ['Litmos Training could not list the courses: stranger@nowhere.example is not a Litmos user &lt;check the e-mail&gt; &amp; retry.'])
    })

    it('asks again once the cached answer is older than ten minutes', () => {
        as('admin@pieshop.net')
        listCourses()
        const mapping = rows('x_litmo_litmos_int_agent').find((r) => r.user === state.user.sys_id)
        mapping.access_checked_at = new Date(Date.now() - 11 * 60000).toISOString().slice(0, 19).replace('T', ' ')
        listCourses()
        assert.equal(accessCalls().length, 2)
    })

    it('Assign Courses on the form warms the cache, so the list that opens asks nothing', async () => {
        as('admin@pieshop.net')
        const caller = seed('sys_user', { user_name: 'c', email: 'c@customer.example' })
        const incident = new GlideRecord('incident')
        incident.get(seed('incident', { number: 'INC0000001', caller_id: caller }))
        const next = prepareCourseList(incident)
        assert.ok('url' in next, JSON.stringify(next))
        assert.match(next.url, /^x_litmo_litmos_int_course_list\.do\?sysparm_x_litmo_record=[0-9a-f]{32}&sysparm_x_litmo_table=incident&sysparm_stack=no$/)
        const sent = state.requests.length
        assert.equal(listCourses().rows.length, 3)
        assert.equal(state.requests.length, sent)
    })

    it('the scheduled job and other background queries are not filtered', () => {
        state.interactive = false
        as('learner@pieshop.net')
        const gr = new GlideRecord(COURSE_TABLE)
        gr.query()
        assert.equal(gr.getRowCount(), 5)
        assert.equal(state.requests.length, 0)
    })
})
