// The effectiveness report of the selected tenant: the form (range, grouping, repeat
// window), the chart (chart.js) and a table of the same numbers, and "Download CSV".

import { api, tenantPath } from './api.js'
import { chart, GROUP_NAMES } from './chart.js'
import { $, clearErrors, daysBefore, numberOrNa, percent, showError, state, todayUtc, withProgress } from './ui.js'

const reportFields = {
    from: () => $('report-from'),
    to: () => $('report-to'),
    group_by: () => $('report-group'),
    window_days: () => $('report-window'),
}

function reportQuery() {
    const q = new URLSearchParams({
        from: $('report-from').value,
        to: $('report-to').value,
        group_by: $('report-group').value,
        window_days: $('report-window').value,
    })
    return q.toString()
}

export async function loadReport(event) {
    event?.preventDefault()
    const id = state.selected
    if (!id) return
    clearErrors($('report-form'))
    await withProgress($('report-show'), 'Loading…', $('report'), async () => {
        try {
            const report = await api('GET', tenantPath(id, `/reports/effectiveness?${reportQuery()}`))
            if (state.selected === id) renderReport(report)
        } catch (err) {
            if (state.selected === id) showError(err, { fields: reportFields, actionEl: $('report-action-error'), retry: () => loadReport() })
        }
    })
}

async function downloadCsv() {
    const id = state.selected
    if (!id) return
    clearErrors($('report-form'))
    const from = $('report-from').value
    const to = $('report-to').value
    await withProgress($('report-csv'), 'Preparing CSV…', $('report'), async () => {
        let csv
        try {
            csv = await api('GET', tenantPath(id, `/reports/effectiveness?${reportQuery()}`), { accept: 'text/csv' })
        } catch (err) {
            showError(err, { fields: reportFields, actionEl: $('report-action-error'), retry: downloadCsv })
            return
        }
        const url = URL.createObjectURL(new Blob([csv ?? ''], { type: 'text/csv;charset=utf-8' }))
        const a = document.createElement('a')
        a.href = url
        a.download = `effectiveness-${id}-${from}-${to}.csv`
        a.hidden = true
        document.body.append(a)
        a.click()
        a.remove()
        setTimeout(() => URL.revokeObjectURL(url), 10_000)
    })
}

function table(report) {
    const t = document.createElement('table')
    t.className = 'report-table'
    const caption = document.createElement('caption')
    caption.textContent = `By ${GROUP_NAMES[report.group_by]}, assigned ${report.from} to ${report.to}, repeat window ${report.window_days} days`
    t.append(caption)
    const head = [
        GROUP_NAMES[report.group_by][0].toUpperCase() + GROUP_NAMES[report.group_by].slice(1),
        'Assigned',
        'Started',
        'Completed',
        'Completion rate',
        'Median days to complete',
        'Average score',
        'Repeat after completed',
        'Repeat after not completed',
    ]
    const thead = document.createElement('thead')
    const hr = document.createElement('tr')
    for (const h of head) {
        const th = document.createElement('th')
        th.scope = 'col'
        th.textContent = h
        hr.append(th)
    }
    thead.append(hr)
    const row = (label, g, isTotal) => {
        const tr = document.createElement('tr')
        if (isTotal) tr.className = 'total'
        const th = document.createElement('th')
        th.scope = 'row'
        th.textContent = label
        tr.append(th)
        // A rate and, on its own line, the counts behind it.
        const repeat = (r) => {
            const count = document.createElement('span')
            count.className = 'count'
            count.textContent = ` (${r.repeated} of ${r.assignments})`
            return [percent(r.rate), count]
        }
        for (const v of [g.assigned, g.started, g.completed, percent(g.completion_rate), numberOrNa(g.median_days_to_complete), numberOrNa(g.average_score), repeat(g.repeat_after_completed), repeat(g.repeat_after_not_completed)]) {
            const td = document.createElement('td')
            td.append(...(Array.isArray(v) ? v : [String(v)]))
            tr.append(td)
        }
        return tr
    }
    const tbody = document.createElement('tbody')
    for (const g of report.groups) {
        const tr = row(g.label, g, false)
        tr.dataset.key = g.key
        tbody.append(tr)
    }
    const tfoot = document.createElement('tfoot')
    tfoot.append(row('All', report.totals, true))
    t.append(thead, tbody, tfoot)
    // Scrolls sideways on narrow screens: focusable so the keyboard can scroll it too.
    const wrap = document.createElement('div')
    wrap.className = 'table-wrap'
    wrap.tabIndex = 0
    wrap.setAttribute('role', 'region')
    wrap.setAttribute('aria-label', 'Effectiveness table')
    wrap.append(t)
    return wrap
}

function renderReport(report) {
    const out = $('report-output')
    const n = report.groups.length
    $('report-status').textContent = `Report for ${report.from} to ${report.to}: ${n} ${n === 1 ? 'group' : 'groups'}.`
    if (!n) {
        const p = document.createElement('p')
        p.className = 'muted'
        p.textContent = `No training was assigned from ${report.from} to ${report.to}.`
        out.replaceChildren(p)
        return
    }
    const figure = document.createElement('figure')
    figure.className = 'chart-figure'
    const cap = document.createElement('figcaption')
    cap.textContent = `Completion and repeat incidents by ${GROUP_NAMES[report.group_by]}, ${report.from} to ${report.to} (repeat window ${report.window_days} days)`
    figure.append(cap, chart(report))
    out.replaceChildren(figure, table(report))
}

/** Empties the report for another tenant (or none). */
export function clearReport() {
    $('report-output').replaceChildren()
    $('report-status').textContent = ''
    clearErrors($('report'))
}

export function wireReport() {
    $('report-form').addEventListener('submit', loadReport)
    $('report-csv').addEventListener('click', downloadCsv)
    const to = todayUtc()
    $('report-to').value = to
    $('report-from').value = daysBefore(to, 29)
}
