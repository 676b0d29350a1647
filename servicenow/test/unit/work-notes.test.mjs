// The work-note job over real HTTP against the stand-in backend's feed.
import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, it } from 'node:test'
import { reset, rows, seed, state } from '../support/glide.mjs'
import { startFakeBackend } from '../support/fake-backend-process.mjs'
import { syncTrainingUpdates } from '../../src/server/work-notes.js'
import { configure } from '../support/config.mjs'

describe('work-note job', () => {
    let backend
    before(async () => {
        backend = await startFakeBackend()
    })
    after(() => backend.stop())
    beforeEach(() => {
        reset()
        seed('incident', { sys_id: 'a'.repeat(32), number: 'INC0000001' })
    })

    const config = () => rows('x_litmo_litmos_int_configuration')[0]
    const notes = () => (rows('incident')[0].work_notes_journal || []).map((n) => n.value)

    it('does nothing before the app is configured', () => {
        assert.deepEqual(syncTrainingUpdates(), { pages: 0, noted: 0, skipped: 0, missing: 0, trainingOnly: 0 })
    })

    it('notes the feed, saves the cursor, and stops at the end', () => {
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true })
        assert.deepEqual(syncTrainingUpdates(), { pages: 2, noted: 2, skipped: 0, missing: 0, trainingOnly: 0 })
        assert.deepEqual(notes(), ['Litmos training assigned: Billing', 'Litmos training started: Billing'])
        const training = rows('x_litmo_litmos_int_training')
        assert.deepEqual(training.map((r) => [r.record, r.course, r.status, r.percentage, r.assigned_at]), [['a'.repeat(32), 'Billing', 'in_progress', '40', '2024-01-02 03:04:05']])
        assert.equal(config().updates_cursor, 'c1')
        assert.deepEqual(syncTrainingUpdates(), { pages: 1, noted: 0, skipped: 0, missing: 0, trainingOnly: 0 })
    })

    it('re-reading a page (a crash before the cursor was saved) notes nothing twice', () => {
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true })
        syncTrainingUpdates()
        config().updates_cursor = ''
        assert.deepEqual(syncTrainingUpdates(), { pages: 2, noted: 0, skipped: 2, missing: 0, trainingOnly: 0 })
        assert.equal(notes().length, 2)
    })

    it('keeps the cursor when the backend is down, and restarts when it refuses the cursor', () => {
        configure({ backend_url: 'http://127.0.0.1:9', api_key: 'lsn_good', active: true, updates_cursor: 'c1' })
        const down = syncTrainingUpdates()
        assert.equal(down.error, 'Litmos Training is not reachable, try again')
        assert.equal(config().updates_cursor, 'c1')
        config().backend_url = backend.url
        config().updates_cursor = 'stale'
        assert.equal(syncTrainingUpdates().error, 'The cursor is not valid.')
        assert.equal(config().updates_cursor, '')
        assert.equal(syncTrainingUpdates().noted, 2)
    })
    it("a rule's batch: one work note from its first entry, every training row updated, the others noted without a note", async () => {
        configure({ backend_url: backend.url, api_key: 'lsn_good', active: true })
        const inc = { sys_id: 'a'.repeat(32), number: 'INC0000001', table: 'incident' }
        const entry = (id, course, note) => ({
            id, incident: inc, caller_sys_id: 'c'.repeat(32), learner_id: 'L9', course, status: 'not_started', percentage_complete: 0,
            score: null, completed_at: null, changed_at: '2024-03-04T05:06:07.000Z', note, assigned_by: 'rule:vpn',
        })
        const feed = [
            entry('r1', { id: 'C7', name: 'VPN basics' }, "Litmos Training assigned automatically by rule 'VPN setup': VPN basics, MFA"),
            entry('r2', { id: 'C8', name: 'MFA' }, null),
        ]
        await fetch(`${backend.url}/_fake/feed`, { method: 'POST', body: JSON.stringify(feed) })
        try {
            assert.deepEqual(syncTrainingUpdates(), { pages: 2, noted: 1, skipped: 0, missing: 0, trainingOnly: 1 })
            assert.deepEqual(notes(), ["Litmos Training assigned automatically by rule 'VPN setup': VPN basics, MFA"])
            // The feed does not say who assigned (the stand-in moves assigned_by into the
            // record's training, as the backend has it): one read of the training does.
            const reads = state.requests.filter((r) => r.url.endsWith(`/v1/servicenow/incidents/${inc.sys_id}/training`))
            assert.equal(reads.length, 1)
            const training = rows('x_litmo_litmos_int_training').map((r) => [r.course, r.status, r.assigned_by]).sort()
            assert.deepEqual(training, [['MFA', 'not_started', 'rule:vpn'], ['VPN basics', 'not_started', 'rule:vpn']])
            assert.deepEqual(rows('x_litmo_litmos_int_noted_update').map((r) => [r.update_id, r.outcome]), [['r1', 'noted'], ['r2', 'training_only']])
            config().updates_cursor = ''
            assert.deepEqual(syncTrainingUpdates(), { pages: 2, noted: 0, skipped: 2, missing: 0, trainingOnly: 0 }, 'a re-read notes nothing')
            assert.equal(notes().length, 1)
        } finally {
            await fetch(`${backend.url}/_fake/feed`, { method: 'POST', body: 'null' })
        }
    })
})
