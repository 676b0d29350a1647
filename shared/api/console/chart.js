// The effectiveness report's chart: for each group, bars of the completion rate and of
// the repeat-incident rates after completed and not-completed assignments, as inline
// SVG (patterns, not only colours), with the numbers as text beside each bar.

import { percent } from './ui.js'

const SVG_NS = 'http://www.w3.org/2000/svg'

export const GROUP_NAMES = { course: 'course', agent: 'agent', category: 'incident category' }

/** The three bars of a group: what each one is, its rate and the counts behind it. */
function barsOf(g) {
    return [
        {
            metric: 'completion',
            rate: g.completion_rate,
            text: `Completion ${percent(g.completion_rate)} (${g.completed} of ${g.assigned})`,
            fill: 'url(#pattern-solid)',
        },
        {
            metric: 'repeat-completed',
            rate: g.repeat_after_completed.rate,
            text: `Repeat after completed ${percent(g.repeat_after_completed.rate)} (${g.repeat_after_completed.repeated} of ${g.repeat_after_completed.assignments})`,
            fill: 'url(#pattern-stripes)',
        },
        {
            metric: 'repeat-not-completed',
            rate: g.repeat_after_not_completed.rate,
            text: `Repeat after not completed ${percent(g.repeat_after_not_completed.rate)} (${g.repeat_after_not_completed.repeated} of ${g.repeat_after_not_completed.assignments})`,
            fill: 'url(#pattern-dots)',
        },
    ]
}

function svg(name, attrs = {}, children = []) {
    const el = document.createElementNS(SVG_NS, name)
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v))
    el.append(...children)
    return el
}

function patterns() {
    return svg('defs', {}, [
        svg('pattern', { id: 'pattern-solid', width: 8, height: 8, patternUnits: 'userSpaceOnUse' }, [svg('rect', { width: 8, height: 8, class: 'fill-completion' })]),
        svg('pattern', { id: 'pattern-stripes', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, [
            svg('rect', { width: 8, height: 8, class: 'fill-light' }),
            svg('rect', { width: 4, height: 8, class: 'fill-repeat-completed' }),
        ]),
        svg('pattern', { id: 'pattern-dots', width: 6, height: 6, patternUnits: 'userSpaceOnUse' }, [
            svg('rect', { width: 6, height: 6, class: 'fill-light' }),
            svg('circle', { cx: 3, cy: 3, r: 2, class: 'fill-repeat-not-completed' }),
        ]),
    ])
}

function truncate(s, n) {
    return s.length > n ? `${s.slice(0, n - 1)}…` : s
}

export function chart(report) {
    const BAR_W = 320
    const BAR_H = 18
    const ROW = 24
    const HEAD = 26
    const GAP = 16
    const TEXT_X = BAR_W + 12
    const WIDTH = 760
    const groupH = HEAD + 3 * ROW + GAP
    const legendH = 34
    const height = legendH + report.groups.length * groupH
    const titleId = 'report-chart-title'
    const root = svg('svg', {
        viewBox: `0 0 ${WIDTH} ${height}`,
        width: WIDTH,
        height,
        role: 'img',
        'aria-labelledby': titleId,
        class: 'chart',
    })
    root.append(svg('title', { id: titleId }, [`Completion rate and repeat-incident rates per ${GROUP_NAMES[report.group_by]}; the table below has the same numbers.`]))
    root.append(patterns())

    const legend = svg('g', { class: 'legend', transform: 'translate(0,4)' })
    let x = 0
    for (const [fill, label] of [
        ['url(#pattern-solid)', 'Completion rate'],
        ['url(#pattern-stripes)', 'Repeat after completed'],
        ['url(#pattern-dots)', 'Repeat after not completed'],
    ]) {
        legend.append(svg('rect', { x, y: 0, width: 18, height: 14, fill, class: 'bar-outline' }))
        legend.append(svg('text', { x: x + 24, y: 12, class: 'legend-text' }, [label]))
        x += 24 + label.length * 7.5 + 24
    }
    root.append(legend)

    report.groups.forEach((g, i) => {
        const y0 = legendH + i * groupH
        const group = svg('g', { class: 'report-group', 'data-key': g.key, transform: `translate(0,${y0})` })
        group.append(svg('text', { x: 0, y: 16, class: 'group-label' }, [truncate(g.label, 90), svg('title', {}, [g.label])]))
        group.append(svg('text', { x: WIDTH, y: 16, class: 'group-count', 'text-anchor': 'end' }, [`${g.assigned} assigned`]))
        barsOf(g).forEach((bar, j) => {
            const y = HEAD + j * ROW
            group.append(svg('rect', { x: 0, y, width: BAR_W, height: BAR_H, class: 'track' }))
            const w = bar.rate === null || bar.rate === undefined ? 0 : Math.max(0, Math.min(1, bar.rate)) * BAR_W
            if (w > 0) group.append(svg('rect', { x: 0, y, width: w.toFixed(1), height: BAR_H, fill: bar.fill, class: 'bar bar-outline', 'data-metric': bar.metric }))
            group.append(svg('text', { x: TEXT_X, y: y + 14, class: 'bar-text', 'data-metric': bar.metric }, [bar.text]))
        })
        root.append(group)
    })
    return root
}

