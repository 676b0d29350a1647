// Issue 20: "Recommended for <category>" in the course window. The backend's ranking
// (GET /v1/servicenow/recommendations) is kept locally per table and category for 15
// minutes, listed with rank, difference, interval and samples, limited to the courses
// the agent may assign, assignable from its selected rows; every failure reaches the
// agent (never an empty list without a word), and a failure is not kept.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { actAs, GlideRecordSecure, reset, rows, seed, state } from '../support/glide.mjs'
import { callAjax } from '../support/scope.mjs'
import { configure } from '../support/config.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { COURSES } from '../support/fake-data.mjs'
import { seedCourses } from '../support/courses.mjs'
import { CACHE_MINUTES, RECOMMENDATION_TABLE } from '../../src/server/recommendations.js'
import { declared } from '../support/app.mjs'

const AGENT_ROLE = 'x_litmo_litmos_int.litmos_training_user'
const AJAX = 'x_litmo_litmos_int.LitmosTrainingAjax'

describe('recommended courses in the course window', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())

    let courseRows
    beforeEach(() => {
        reset()
        configure({ backend_url: backend.url })
        courseRows = seedCourses(COURSES)
        actAs({ user_name: 'agent', email: 'admin@pieshop.net', roles: ['itil', AGENT_ROLE] })
    })

    const caller = () => seed('sys_user', { user_name: `c${Math.random()}`, email: `c${Math.random()}@customer.example` })
    const incident = (category) => seed('incident', { number: 'INC0000300', caller_id: caller(), category })
    const open = (sysId, table = 'incident', host = '') =>
        JSON.parse(callAjax(AJAX, { sysparm_name: 'openRecommendations', sysparm_record: sysId, sysparm_table: table, sysparm_host: host }))
    const calls = () => state.requests.filter((r) => r.url.includes('/v1/servicenow/recommendations'))
    /** The Recommended list as the agent sees it at the URL the window opens. */
    const listAt = (url) => {
        const query = decodeURIComponent(/sysparm_query=([^&]*)/.exec(url)[1])
        const gr = new GlideRecordSecure(RECOMMENDATION_TABLE)
        gr.addEncodedQuery(query)
        gr.query()
        const out = []
        while (gr.next()) out.push([gr.getValue('rank'), gr.getValue('course_name'), gr.getValue('difference'), gr.getValue('interval_low'), gr.getValue('interval_high'), gr.getValue('completed'), gr.getValue('not_completed')])
        return out
    }

    it("opens 'Recommended for <category>': ranked best first, with the difference, its interval and the samples", () => {
        const id = incident('Network')
        const opened = open(id)
        assert.equal(opened.ok, true, opened.error)
        assert.equal(opened.title, 'Recommended for Network')
        assert.match(opened.url, /^x_litmo_litmos_int_recommendation_list\.do\?sysparm_query=/)
        assert.match(opened.url, new RegExp(`sysparm_x_litmo_record=${id}&sysparm_x_litmo_table=incident&sysparm_stack=no$`))
        assert.deepEqual(new URL(`https://x/${calls()[0].url.split('/').slice(3).join('/')}`).searchParams.get('category'), 'Network')
        assert.deepEqual(listAt(opened.url), [
            ['1', 'Password reset', '0.3', '0.05', '0.52', '20', '30'],
            ['2', COURSES[0].name, '0.15', '-0.2', '0.45', '12', '15'],
        ], 'the course the catalog does not hold is not offered')
        const c2 = rows(RECOMMENDATION_TABLE).find((r) => r.course_id === 'C2')
        assert.equal(c2.course, courseRows.C2, 'the row names the local course')
    })

    it('keeps a category for minutes: a second window asks the backend nothing; a stale one is read again, without duplicates', () => {
        const a = incident('network')
        const b = incident('NETWORK')
        open(a)
        open(b)
        assert.equal(calls().length, 1, 'categories are compared in any case')
        for (const r of rows(RECOMMENDATION_TABLE)) r.fetched_at = '2020-01-01 00:00:00'
        const again = open(a)
        assert.equal(calls().length, 2)
        assert.equal(rows(RECOMMENDATION_TABLE).length, 4, 'three ranked courses and the marker, once')
        assert.equal(listAt(again.url).length, 2)
    })

    it('a workspace window stays a workspace window', () => {
        const opened = open(incident('network'), 'incident', 'workspace')
        assert.match(opened.url, /&sysparm_x_litmo_host=workspace$/)
    })

    it('a Team Leader sees only the ranked courses of their teams', () => {
        actAs({ user_name: 'leader', email: 'leader@pieshop.net', roles: ['itil', AGENT_ROLE] })
        const opened = open(incident('network'))
        assert.deepEqual(listAt(opened.url).map((r) => r[1]), ['Password reset'])
    })

    it('says why there is nothing: no category, too few assignments, the backend down (not kept)', () => {
        assert.deepEqual(open(incident('')), {
            ok: false,
            error: 'This record has no category, so no courses can be recommended for it: set its category first.',
        })
        assert.deepEqual(open(incident('printers')), {
            ok: false,
            error: 'No course is recommended for printers yet: too few callers completed, or did not complete, a course assigned for it.',
        })
        const down = open(incident('down'))
        assert.equal(down.ok, false)
        assert.equal(down.error, 'Litmos Training could not rank the courses for down: The report store is busy <try again> & "soon".')
        const asked = calls().length
        assert.equal(open(incident('down')).ok, false)
        assert.ok(calls().length > asked, 'a failure is not kept: the next window asks again')
        assert.equal(rows(RECOMMENDATION_TABLE).filter((r) => r.category_key === 'down').length, 0)
    })

    it('Assign Courses on selected Recommended rows assigns their courses', () => {
        const id = incident('network')
        open(id)
        const recRow = (courseId) => rows(RECOMMENDATION_TABLE).find((r) => r.course_id === courseId).sys_id
        const answer = JSON.parse(callAjax(AJAX, {
            sysparm_name: 'assignCourses', sysparm_record: id, sysparm_table: 'incident',
            sysparm_courses: recRow('C2'), sysparm_request_key: 'k1', sysparm_list_table: RECOMMENDATION_TABLE,
        }))
        assert.deepEqual(answer.messages, ['You have successfully assigned these courses: Password reset'])
        const posted = state.requests.filter((r) => r.url.endsWith('/v1/servicenow/assignments'))
        assert.deepEqual(JSON.parse(posted[0].body).course_ids, ['C2'])
        const gone = JSON.parse(callAjax(AJAX, {
            sysparm_name: 'assignCourses', sysparm_record: id, sysparm_table: 'incident',
            sysparm_courses: recRow('CX'), sysparm_request_key: 'k2', sysparm_list_table: RECOMMENDATION_TABLE,
        }))
        assert.equal(gone.ok, false)
        assert.match(gone.error, /no longer available to you/)
    })
    it('old rankings are cleaned up long after they stop being used', () => {
        const flush = declared('Record').find((r) => r.table === 'sys_auto_flush' && r.data.tablename === RECOMMENDATION_TABLE)
        assert.equal(flush.data.matchfield, 'fetched_at')
        assert.ok(flush.data.age > CACHE_MINUTES * 60, 'never while a ranking is still used')
    })
})
