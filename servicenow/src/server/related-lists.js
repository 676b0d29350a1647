// The caller's training on the Incident and Case forms without the administrator
// editing a layout: the app's related list ("Litmos Training > Record") is added to the
// form's default-view related lists (and to the workspace views named in a property,
// where such a view has its own related-list layout). Run by the app's fix script on
// install and upgrade, and by an administrator from it at any time.
// - The customer's layout is kept: entries are only ever added, never removed or moved;
//   ours goes last.
// - Where a table has no related-list layout for the default view yet (the form shows
//   no related lists), one is created holding ours.
// - Once added to a layout, never added again: an administrator who removes it later
//   keeps it removed (remembered on the Configurations record).
// - Personal layouts (a user's own, sys_user set) are the user's: not touched.
import { gs, GlideRecord } from '@servicenow/glide'
import { CONFIG_TABLE } from './context.js'

/** The related list's name as the platform writes it: <table>.<reference field>. */
export const TRAINING_RELATED_LIST = 'x_litmo_litmos_int_training.record'
/** sys_ui_view's sys_id of the default view. */
export const DEFAULT_VIEW = 'Default view'
/** The forms the training shows on. */
export const FORM_TABLES = ['incident', 'sn_customerservice_case']
/** Further views (by name, comma-separated) that get the list when they have their own layout. */
export const VIEWS_PROPERTY = 'x_litmo_litmos_int.training_list_views'

/**
 * @returns {{ table: string, view: string, outcome: 'created' | 'added' | 'present' | 'kept_removed' | 'no_table' | 'no_layout' }[]}
 */
export function addTrainingRelatedLists() {
    /** @type {{ table: string, view: string, outcome: 'created' | 'added' | 'present' | 'kept_removed' | 'no_table' | 'no_layout' }[]} */
    const summary = []
    const config = configuration()
    const done = new Set(String((config && config.getValue('related_lists_added')) || '').split(',').filter(Boolean))
    const extraViews = String(gs.getProperty(VIEWS_PROPERTY, '') || '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    for (const table of FORM_TABLES) {
        if (!new GlideRecord(table).isValid()) {
            // Customer Service Management is not installed: no case form.
            summary.push({ table, view: DEFAULT_VIEW, outcome: 'no_table' })
            continue
        }
        summary.push(addTo(table, DEFAULT_VIEW, true, done))
        for (const name of extraViews) {
            const view = viewId(name)
            summary.push(view ? addTo(table, view, false, done) : { table, view: name, outcome: 'no_layout' })
        }
    }
    if (config) {
        config.setValue('related_lists_added', Array.from(done).join(','))
        config.setWorkflow(false) // bookkeeping, not a new key: no activation
        config.update()
    }
    return summary
}

/**
 * @param {string} table
 * @param {string} view a sys_ui_view sys_id
 * @param {boolean} create whether to create the layout when the view has none
 * @param {Set<string>} done table:view pairs the app added its list to before
 */
function addTo(table, view, create, done) {
    const key = `${table}:${view}`
    const layout = new GlideRecord('sys_ui_related_list')
    layout.addQuery('name', table)
    layout.addQuery('view', view)
    layout.addEncodedQuery('sys_userISEMPTY')
    layout.setLimit(1)
    layout.query()
    let listId = ''
    if (layout.next()) {
        listId = layout.getUniqueValue()
    } else {
        if (!create) return { table, view, outcome: /** @type {const} */ ('no_layout') }
        layout.initialize()
        layout.setValue('name', table)
        layout.setValue('view', view)
        listId = layout.insert() || ''
        if (!listId) return { table, view, outcome: /** @type {const} */ ('no_layout') }
        appendEntry(listId, 0)
        done.add(key)
        return { table, view, outcome: /** @type {const} */ ('created') }
    }
    const entries = new GlideRecord('sys_ui_related_list_entry')
    entries.addQuery('list_id', listId)
    entries.query()
    let last = -1
    let present = false
    while (entries.next()) {
        if (entries.getValue('related_list') === TRAINING_RELATED_LIST) present = true
        last = Math.max(last, parseInt(entries.getValue('position') || '0', 10) || 0)
    }
    if (present) {
        done.add(key)
        return { table, view, outcome: /** @type {const} */ ('present') }
    }
    if (done.has(key)) return { table, view, outcome: /** @type {const} */ ('kept_removed') }
    appendEntry(listId, last + 1)
    done.add(key)
    return { table, view, outcome: /** @type {const} */ ('added') }
}

/** @param {string} listId @param {number} position */
function appendEntry(listId, position) {
    const entry = new GlideRecord('sys_ui_related_list_entry')
    entry.initialize()
    entry.setValue('list_id', listId)
    entry.setValue('related_list', TRAINING_RELATED_LIST)
    entry.setValue('position', position)
    return entry.insert()
}

/** @param {string} name a view name, e.g. sow */
function viewId(name) {
    const view = new GlideRecord('sys_ui_view')
    view.addQuery('name', name)
    view.setLimit(1)
    view.query()
    return view.next() ? view.getUniqueValue() : ''
}

function configuration() {
    const gr = new GlideRecord(CONFIG_TABLE)
    gr.orderByDesc('sys_updated_on')
    gr.setLimit(1)
    gr.query()
    return gr.next() ? gr : null
}
