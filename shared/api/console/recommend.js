// Courses ranked by what they prevent, for one category of the selected tenant: a chart
// of each course's difference in repeat-incident rate (not completed minus completed)
// with its 95 % interval, and a table of the same numbers with both sample sizes.

import { api, tenantPath } from './api.js'
import { $, clearErrors, percent, showError, state, withProgress } from './ui.js'

const SVG_NS = 'http://www.w3.org/2000/svg'
const fields = { category: () => $('rec-category'), table: () => $('rec-table') }

function svg(name, attrs = {}, children = []) {
    const el = document.createElementNS(SVG_NS, name)
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
    el.append(...children)
    return el
}

/** One row per course: the interval as a line, the difference as a dot, 0 marked. */
function chartOf(r) {
    const row = 28
    const left = 220
    const width = 360
    const height = r.items.length * row + 30
    const x = (v) => left + ((v + 1) / 2) * width // -1 .. 1
    const rows = r.items.map((it, i) => {
        const y = 20 + i * row
        const label = `${it.name}: ${percent(it.difference)} fewer repeats (95 % ${percent(it.interval[0])} to ${percent(it.interval[1])})`
        return svg('g', { class: 'rec-row', 'data-course': it.course_id }, [
            svg('title', {}, [label]),
            svg('text', { x: 0, y: y + 4, class: 'rec-label' }, [it.name.length > 30 ? `${it.name.slice(0, 29)}…` : it.name]),
            svg('line', { x1: x(it.interval[0]), x2: x(it.interval[1]), y1: y, y2: y, class: 'rec-interval' }),
            svg('circle', { cx: x(it.difference), cy: y, r: 5, class: 'rec-point' }),
        ])
    })
    return svg('svg', { class: 'chart rec-chart', role: 'img', 'aria-label': `Courses for ${r.category} by repeats prevented`, viewBox: `0 0 ${left + width + 10} ${height}` }, [
        svg('line', { x1: x(0), x2: x(0), y1: 5, y2: height - 15, class: 'rec-zero' }),
        svg('text', { x: x(0), y: height - 2, class: 'rec-axis' }, ['0']),
        svg('text', { x: x(1) - 10, y: height - 2, class: 'rec-axis' }, ['+100%']),
        svg('text', { x: x(-1), y: height - 2, class: 'rec-axis' }, ['-100%']),
        ...rows,
    ])
}

function tableOf(r) {
    const table = document.createElement('table')
    table.className = 'rec-table'
    const head = ['Course', 'Completed (repeat rate)', 'Not completed (repeat rate)', 'Fewer repeats', '95 % interval']
    const tr = (cells, tag) => {
        const row = document.createElement('tr')
        for (const c of cells) {
            const cell = document.createElement(tag)
            cell.textContent = c
            row.append(cell)
        }
        return row
    }
    const thead = document.createElement('thead')
    thead.append(tr(head, 'th'))
    const tbody = document.createElement('tbody')
    for (const it of r.items) {
        tbody.append(
            tr(
                [
                    it.name,
                    `${it.completed} (${percent(it.repeat_rate_completed)})`,
                    `${it.not_completed} (${percent(it.repeat_rate_not_completed)})`,
                    percent(it.difference),
                    `${percent(it.interval[0])} to ${percent(it.interval[1])}`,
                ],
                'td',
            ),
        )
    }
    table.append(thead, tbody)
    return table
}

function render(r) {
    const out = $('rec-output')
    if (r.items.length === 0) {
        out.replaceChildren()
        $('rec-status').textContent = `No course for "${r.category}" has ${r.min_sample} completed and ${r.min_sample} not-completed assignments in the last 365 days yet.`
        return
    }
    $('rec-status').textContent = `${r.items.length} course${r.items.length === 1 ? '' : 's'} for "${r.category}", most repeats prevented first (a repeat: another incident within ${r.window_days} days).`
    out.replaceChildren(chartOf(r), tableOf(r))
}

export async function loadRecommendations(event) {
    event?.preventDefault()
    const id = state.selected
    if (!id) return
    clearErrors($('rec-form'))
    const q = new URLSearchParams({ category: $('rec-category').value.trim() })
    if ($('rec-table').value) q.set('table', $('rec-table').value)
    await withProgress($('rec-show'), 'Ranking…', $('recommendations'), async () => {
        try {
            const r = await api('GET', tenantPath(id, `/reports/recommendations?${q}`))
            if (state.selected === id) render(r)
        } catch (err) {
            if (state.selected === id) showError(err, { fields, actionEl: $('rec-action-error'), retry: () => loadRecommendations() })
        }
    })
}

export function clearRecommendations() {
    $('rec-output').replaceChildren()
    $('rec-status').textContent = ''
}

export function wireRecommendations() {
    $('rec-form').addEventListener('submit', loadRecommendations)
}
