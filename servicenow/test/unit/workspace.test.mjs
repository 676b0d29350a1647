// Issue 17: the records the workspaces need for "Assign Courses". The SDK installs by
// XML import, so the UX Form Action the platform's own business rule would make when
// "Workspace Form Button" is ticked is shipped explicitly: one per workspace-enabled UI
// action, on the same table, pointing at that UI action's sys_id (generated/keys.ts).
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { declared } from '../support/app.mjs'

const root = fileURLToPath(new URL('../../', import.meta.url))
const keys = readFileSync(join(root, 'src/fluent/generated/keys.ts'), 'utf8')
const keyOf = (id) => {
    const m = new RegExp(`'${id}': \\{\\s*table: '([a-z_]+)'\\s*id: '([0-9a-f]{32})'`).exec(keys)
    return m ? { table: m[1], sysId: m[2] } : null
}
const update = join(root, 'dist/app/update')
const built = existsSync(update) ? readdirSync(update).map((f) => ({ f, x: readFileSync(join(update, f), 'utf8') })) : []
const field = (xml, name) => (new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml) || [])[1]

describe('workspace registration of Assign Courses', () => {
    const workspaceActions = declared('UiAction').filter((a) => a.workspace && a.workspace.showFormButtonV2)
    const formActions = declared('Record').filter((r) => r.table === 'sys_ux_form_action')

    it('both form buttons (incident and case) are workspace buttons with a workspace client script', () => {
        assert.deepEqual(workspaceActions.map((a) => a.table).sort(), ['incident', 'sn_customerservice_case'])
        for (const a of workspaceActions) {
            assert.equal(a.workspace.isConfigurableWorkspace, true, a.table)
            assert.ok(a.workspace.clientScriptV2, a.table)
        }
    })

    it('each has exactly one UX Form Action of type UI Action on its own table', () => {
        for (const action of workspaceActions) {
            const mine = formActions.filter((r) => r.data.ui_action === action)
            assert.equal(mine.length, 1, action.table)
            assert.equal(mine[0].data.table, action.table)
            assert.equal(mine[0].data.action_type, 'ui_action')
            assert.equal(mine[0].data.active, true)
        }
        assert.equal(formActions.length, workspaceActions.length, 'no UX Form Action for anything else')
    })

    it('the built records name the UI actions by their sys_ids in generated/keys.ts', () => {
        const xmls = built.filter((b) => b.f.startsWith('sys_ux_form_action_'))
        assert.equal(xmls.length, 2)
        for (const [actionKey, table] of [
            ['action-assign-courses', 'incident'],
            ['action-assign-courses-case', 'sn_customerservice_case'],
        ]) {
            const action = keyOf(actionKey)
            assert.equal(action.table, 'sys_ui_action')
            // The SDK keys a UX Form Action by the UI action it wraps.
            const form = new RegExp(`table: 'sys_ux_form_action'\\s*id: '([0-9a-f]{32})'\\s*key: \\{\\s*ui_action: '${action.sysId}'`).exec(keys)
            assert.ok(form, `a UX Form Action keyed by ${actionKey}`)
            const xml = xmls.find((b) => b.f === `sys_ux_form_action_${form[1]}.xml`)
            assert.ok(xml, actionKey)
            assert.equal(field(xml.x, 'ui_action'), action.sysId)
            assert.equal(field(xml.x, 'table'), table)
            assert.equal(field(xml.x, 'action_type'), 'ui_action')
            const ui = built.find((b) => b.f === `sys_ui_action_${action.sysId}.xml`)
            assert.equal(field(ui.x, 'table'), table)
            assert.equal(field(ui.x, 'form_button_v2'), 'true')
        }
    })
})
