// Automatic training by category: the selected tenant's rules (each record of a table
// whose category matches gets the rule's courses), a form to add or replace one, and a
// delete button per rule. A course Litmos no longer has is named on its rule.

import { api, tenantPath } from './api.js'
import { $, clearErrors, confirmDialog, showError, state, withProgress } from './ui.js'

const fields = {
    rule_id: () => $('rule-id'),
    name: () => $('rule-name'),
    'when.table': () => $('rule-table'),
    'when.category': () => $('rule-category'),
    course_ids: () => $('rule-courses'),
}

const TABLES = { incident: 'Incidents', case: 'Cases' }

function cell(text, tag = 'td') {
    const c = document.createElement(tag)
    c.textContent = text
    return c
}

function rowOf(id, rule) {
    const tr = document.createElement('tr')
    tr.dataset.rule = rule.id
    const courses = cell(rule.course_ids.join(', '))
    if (rule.missing_course_ids === null) {
        const note = document.createElement('p')
        note.className = 'hint'
        note.textContent = 'Not checked against Litmos (its catalog could not be read).'
        courses.append(note)
    } else if (rule.missing_course_ids.length > 0) {
        const warn = document.createElement('p')
        warn.className = 'error rule-missing'
        warn.textContent = `Litmos no longer has: ${rule.missing_course_ids.join(', ')} (skipped when the rule fires).`
        courses.append(warn)
    }
    const del = document.createElement('button')
    del.type = 'button'
    del.className = 'secondary'
    del.textContent = 'Delete'
    del.setAttribute('aria-label', `Delete rule ${rule.name}`)
    del.addEventListener('click', () => deleteRule(id, rule, del))
    const actions = document.createElement('td')
    actions.append(del)
    tr.append(
        cell(rule.name),
        cell(`${TABLES[rule.when.table] ?? rule.when.table}: ${rule.when.category}`),
        courses,
        cell(rule.active ? 'Active' : 'Paused'),
        actions,
    )
    return tr
}

function render(id, rules) {
    const body = $('rules-body')
    body.replaceChildren(...rules.map((r) => rowOf(id, r)))
    $('rules-table').hidden = rules.length === 0
    $('rules-status').textContent = rules.length === 0 ? 'No rules yet: records are assigned training only by agents.' : `${rules.length} rule${rules.length === 1 ? '' : 's'}.`
}

export async function loadRules() {
    const id = state.selected
    if (!id) return
    try {
        const r = await api('GET', tenantPath(id, '/rules'))
        if (state.selected === id) render(id, r.rules)
    } catch (err) {
        if (state.selected === id) showError(err, { actionEl: $('rules-action-error'), retry: loadRules })
    }
}

async function saveRule(event) {
    event.preventDefault()
    const id = state.selected
    if (!id) return
    const form = $('rule-form')
    clearErrors(form)
    const ruleId = $('rule-id').value.trim()
    const body = {
        name: $('rule-name').value,
        when: { table: $('rule-table').value, category: $('rule-category').value },
        course_ids: $('rule-courses').value.split(',').map((c) => c.trim()).filter((c) => c !== ''),
        active: $('rule-active').checked,
    }
    await withProgress($('rule-save'), 'Sending…', $('rules'), async () => {
        try {
            // An empty id is sent as such, so the API's own message names the field.
            const saved = await api('PUT', tenantPath(id, `/rules/${encodeURIComponent(ruleId)}`), { body })
            if (state.selected !== id) return
            $('rules-status').textContent = `Rule "${saved.name}" saved.`
            form.reset()
            $('rule-active').checked = true
            await loadRules()
            $('rules-status').textContent = `Rule "${saved.name}" saved.`
        } catch (err) {
            if (state.selected === id) showError(err, { fields, actionEl: $('rule-action-error'), retry: () => saveRule(new Event('submit')) })
        }
    })
}

async function deleteRule(id, rule, button) {
    const yes = await confirmDialog({
        title: `Delete rule "${rule.name}"?`,
        text: 'New records no longer get its courses. What it assigned stays assigned.',
        confirm: 'Delete rule',
        returnFocus: button,
    })
    if (!yes) return
    await withProgress(button, 'Deleting…', $('rules'), async () => {
        try {
            await api('DELETE', tenantPath(id, `/rules/${encodeURIComponent(rule.id)}`))
            if (state.selected === id) await loadRules()
        } catch (err) {
            if (state.selected === id) showError(err, { actionEl: $('rules-action-error'), retry: () => deleteRule(id, rule, button) })
        }
    })
}

export function clearRules() {
    $('rules-body').replaceChildren()
    $('rules-table').hidden = true
    $('rules-status').textContent = ''
}

export function wireRules() {
    $('rule-form').addEventListener('submit', saveRule)
}
