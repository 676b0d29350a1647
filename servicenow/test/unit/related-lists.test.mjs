// Issue 17: the caller's training on the Incident and Case forms without the
// administrator editing a layout. The fix script adds the app's related list to the
// default view's layout (creating the layout only where there is none), keeps every
// entry the customer has, adds it once (run twice: no duplicate), never re-adds it
// after the customer removed it, leaves personal layouts alone, and needs the declared
// cross-scope privileges (the shim refuses the layout tables without them).
import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import { reset, rows, seed, state } from '../support/glide.mjs'
import { declared } from '../support/app.mjs'
import { addTrainingRelatedLists, TRAINING_RELATED_LIST } from '../../src/server/related-lists.js'

const LIST = 'sys_ui_related_list'
const ENTRY = 'sys_ui_related_list_entry'
const layoutOf = (table, view = 'Default view') => rows(LIST).filter((l) => l.name === table && l.view === view && !l.sys_user)
const entriesOf = (listId) =>
    rows(ENTRY)
        .filter((e) => e.list_id === listId)
        .sort((a, b) => Number(a.position) - Number(b.position))
        .map((e) => [e.related_list, Number(e.position)])

describe('training related list on the incident and case forms', () => {
    let config
    beforeEach(() => {
        reset()
        config = seed('x_litmo_litmos_int_configuration', { active: true, status: 'not_activated' })
    })

    it('a customised layout keeps its entries; ours is added last, once, even when run twice', () => {
        const list = seed(LIST, { name: 'incident', view: 'Default view' })
        seed(ENTRY, { list_id: list, related_list: 'task_sla.task', position: 0 })
        seed(ENTRY, { list_id: list, related_list: 'REL:customer_incidents', position: 3 })
        const first = addTrainingRelatedLists()
        assert.deepEqual(first.find((s) => s.table === 'incident' && s.view === 'Default view').outcome, 'added')
        const expected = [['task_sla.task', 0], ['REL:customer_incidents', 3], [TRAINING_RELATED_LIST, 4]]
        assert.deepEqual(entriesOf(list), expected)
        const second = addTrainingRelatedLists()
        assert.deepEqual(second.find((s) => s.table === 'incident' && s.view === 'Default view').outcome, 'present')
        assert.deepEqual(entriesOf(list), expected)
        assert.equal(layoutOf('incident').length, 1, 'no second layout')
    })

    it('creates the default-view layout, holding ours, only where the form has none', () => {
        addTrainingRelatedLists()
        for (const table of ['incident', 'sn_customerservice_case']) {
            const [layout] = layoutOf(table)
            assert.ok(layout, table)
            assert.deepEqual(entriesOf(layout.sys_id), [[TRAINING_RELATED_LIST, 0]])
        }
        addTrainingRelatedLists()
        assert.equal(layoutOf('incident').length, 1)
        assert.equal(rows(ENTRY).length, 2)
    })

    it('removed by the customer afterwards, it stays removed', () => {
        const list = seed(LIST, { name: 'incident', view: 'Default view' })
        seed(ENTRY, { list_id: list, related_list: 'task_sla.task', position: 0 })
        addTrainingRelatedLists()
        const ours = rows(ENTRY).findIndex((e) => e.related_list === TRAINING_RELATED_LIST && e.list_id === list)
        rows(ENTRY).splice(ours, 1)
        const again = addTrainingRelatedLists()
        assert.equal(again.find((s) => s.table === 'incident' && s.view === 'Default view').outcome, 'kept_removed')
        assert.deepEqual(entriesOf(list), [['task_sla.task', 0]])
        assert.match(rows('x_litmo_litmos_int_configuration').find((c) => c.sys_id === config).related_lists_added, /incident:Default view/)
    })

    it("a user's personal layout is not touched", () => {
        const personal = seed(LIST, { name: 'incident', view: 'Default view', sys_user: 'b'.repeat(32) })
        seed(ENTRY, { list_id: personal, related_list: 'task_sla.task', position: 0 })
        addTrainingRelatedLists()
        assert.deepEqual(entriesOf(personal), [['task_sla.task', 0]])
        assert.equal(layoutOf('incident').length, 1, 'the shared layout is created instead')
    })

    it('a workspace view of the property gets it when it has its own layout; no layout is made for it', () => {
        const sow = seed('sys_ui_view', { name: 'sow', title: 'Service Operations Workspace' })
        const list = seed(LIST, { name: 'incident', view: sow })
        seed(ENTRY, { list_id: list, related_list: 'incident_task.incident', position: 0 })
        const summary = addTrainingRelatedLists()
        assert.deepEqual(entriesOf(list), [['incident_task.incident', 0], [TRAINING_RELATED_LIST, 1]])
        assert.equal(summary.find((s) => s.table === 'sn_customerservice_case' && s.view === sow).outcome, 'no_layout')
        assert.equal(layoutOf('sn_customerservice_case', sow).length, 0)
    })

    it('without Customer Service Management, the case form is skipped', () => {
        state.missingTables.add('sn_customerservice_case')
        const summary = addTrainingRelatedLists()
        assert.deepEqual(summary.filter((s) => s.table === 'sn_customerservice_case').map((s) => s.outcome), ['no_table'])
        assert.equal(layoutOf('sn_customerservice_case').length, 0)
    })

    it('the app ships the fix script that runs it, and the privileges it needs', () => {
        const fix = declared('Record').find((r) => r.table === 'sys_script_fix')
        assert.match(fix.data.script, /require\(gs\.getProperty\('x_litmo_litmos_int\.module_path'\) \+ '\/src\/server\/related-lists\.js'\)\.addTrainingRelatedLists\(\)/)
        for (const table of [LIST, ENTRY]) {
            for (const operation of ['read', 'create']) {
                assert.ok(declared('CrossScopePrivilege').some((p) => p.targetName === table && p.operation === operation && p.status === 'allowed'), `${operation} ${table}`)
            }
            assert.ok(!declared('CrossScopePrivilege').some((p) => p.targetName === table && ['write', 'delete'].includes(p.operation)), `never changes ${table}`)
        }
    })
})
