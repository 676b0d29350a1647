// "Recommended for <category>" against the real backend, on a tenant of this suite's
// own: a category nothing was assigned for says "No course is recommended" and is kept
// (a second window asks nothing); a ranking seeded through the app (two callers of one
// category assigned a course from the window, one completes it in Litmos, each comes
// back with another incident) is listed once the tenant's minimum sample allows it,
// kept for the cache time, and assignable from the Recommended list.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { GlideRecordSecure, rows, runAsyncRules, seed, state } from '../support/glide.mjs'
import { assignSelected } from '../../src/server/assign.js'
import { RECOMMENDATION_TABLE, openRecommendations } from '../../src/server/recommendations.js'
import { backend, double, env, freshInstance, glideNow, insertRecord, newUser, ownTenant, syncCourses, warmUp } from './env.mjs'

const rankingCalls = () => state.requests.filter((r) => r.url.includes('/v1/servicenow/recommendations'))
const number = () => `INC${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`

/** The Recommended list as the agent sees it at the URL the window opens. */
function listAt(url) {
    const query = decodeURIComponent(/sysparm_query=([^&]*)/.exec(url)[1])
    const gr = new GlideRecordSecure(RECOMMENDATION_TABLE)
    gr.addEncodedQuery(query)
    gr.query()
    const out = []
    while (gr.next()) out.push({ sys_id: gr.getUniqueValue(), rank: gr.getValue('rank'), course_id: gr.getValue('course_id'), course_name: gr.getValue('course_name'), difference: gr.getValue('difference'), completed: gr.getValue('completed'), not_completed: gr.getValue('not_completed') })
    return out
}

describe('Recommended for the category', () => {
    /** @type {Awaited<ReturnType<typeof ownTenant>>} */
    let tenant
    before(async () => {
        await warmUp()
        tenant = await ownTenant('sn-reco')
    })
    after(() => tenant && tenant.remove())

    it('a category with no ranking says so, and a second window within the cache time asks nothing', () => {
        freshInstance({ key: tenant.key })
        syncCourses()
        state.requests = []
        const message = 'No course is recommended for Printers yet: too few callers completed, or did not complete, a course assigned for it.'
        const first = seed('incident', { number: number(), caller_id: newUser().sysId, category: 'Printers', opened_at: glideNow() })
        assert.deepEqual(openRecommendations('incident', first), { ok: false, error: message })
        assert.equal(rankingCalls().length, 1)
        const other = seed('incident', { number: number(), caller_id: newUser().sysId, category: 'printers', opened_at: glideNow() })
        assert.deepEqual(openRecommendations('incident', other), { ok: false, error: message.replace('Printers', 'printers') })
        assert.equal(rankingCalls().length, 1, 'the empty ranking is kept: no second request')
    })

    it('ranks a course once both samples are large enough, lists it, keeps it, and assigns from the list', async () => {
        freshInstance({ key: tenant.key })
        const byName = syncCourses()
        const course = byName['Security Basics: Essentials']
        // Two callers of the category, each assigned the course from the window.
        const callers = [newUser('Cam', 'Pleted'), newUser('Nora', 'Tyet')]
        const firsts = []
        for (const [i, caller] of callers.entries()) {
            const incident = insertRecord('incident', { number: number(), caller_id: caller.sysId, category: 'Network', opened_at: glideNow() })
            assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
            const assigned = assignSelected({ recordSysId: incident, checked: course.row, requestKey: `reco-${i}` })
            assert.deepEqual(assigned.messages, [`You have successfully assigned these courses: ${course.name}`])
            firsts.push(incident)
        }
        // The first completes it in Litmos (the tenant's sync reads the progress).
        const learner = await backend('GET', `/v1/servicenow/learners/${callers[0].sysId}`, { token: tenant.key })
        await double('POST', '/_double/progress', { user_id: learner.body.learner.id, course_id: course.id, percentage: 100 })
        const synced = await backend('POST', `/v1/admin/tenants/${tenant.id}/sync`, { token: env.adminToken })
        assert.equal(synced.status, 200, JSON.stringify(synced.body))
        // Both come back with another incident after the assignment (a repeat).
        await new Promise((done) => setTimeout(done, 1500))
        for (const caller of callers) {
            insertRecord('incident', { number: number(), caller_id: caller.sysId, category: 'Network', opened_at: glideNow() })
            assert.deepEqual(runAsyncRules(), [{ sent: true, status: 201 }])
        }

        const path = '/v1/servicenow/recommendations?category=network&table=incident'
        const under = await backend('GET', path, { token: tenant.key })
        assert.deepEqual([under.status, under.body.min_sample, under.body.items], [200, 10, []], 'one of each is under the default minimum')
        await tenant.put({ minSample: 1 })
        const ranked = await backend('GET', path, { token: tenant.key })
        assert.equal(ranked.status, 200)
        assert.deepEqual(ranked.body.items.map((i) => [i.course_id, i.completed, i.not_completed, i.repeat_rate_completed, i.repeat_rate_not_completed, i.difference]), [
            [course.id, 1, 1, 1, 1, 0],
        ])

        // The window: the ranking read once, listed, kept.
        state.requests = []
        const opened = openRecommendations('incident', firsts[0])
        assert.equal(opened.ok, true, opened.error)
        assert.deepEqual([opened.title, opened.count], ['Recommended for Network', 1])
        assert.equal(rankingCalls().length, 1)
        const listed = listAt(opened.url)
        assert.deepEqual(listed.map((r) => [r.rank, r.course_id, r.course_name, Number(r.difference), r.completed, r.not_completed]), [['1', course.id, course.name, 0, '1', '1']])
        const again = openRecommendations('incident', firsts[1])
        assert.equal(again.ok, true)
        assert.equal(rankingCalls().length, 1, 'a second window within 15 minutes asks nothing')

        // Assign Courses on the Recommended list's row: its course, for a new record.
        const incident = insertRecord('incident', { number: number(), caller_id: newUser().sysId, category: 'Network', opened_at: glideNow() })
        runAsyncRules()
        const fromList = assignSelected({ recordSysId: incident, checked: listed[0].sys_id, requestKey: 'reco-list', listTable: RECOMMENDATION_TABLE })
        assert.deepEqual(fromList.messages, [`You have successfully assigned these courses: ${course.name}`])
        const post = state.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/v1/servicenow/assignments')).at(-1)
        assert.deepEqual(JSON.parse(post.body).course_ids, [course.id])
        assert.equal(rows(RECOMMENDATION_TABLE).filter((r) => r.category_key === 'network').length, 2, 'the ranked course and the marker')
    })
})
