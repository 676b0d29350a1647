// Rules the source must keep, checked on the files and on the built app (run after
// `now-sdk build`): one HTTP path, hand-written require() paths that the platform will
// resolve, and no key handling in browser code.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
const files = (dir) =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
    )
const read = (f) => readFileSync(join(root, f), 'utf8')
const sources = files('src').filter((f) => /\.(js|ts)$/.test(f) && !f.includes('generated'))

describe('source rules', () => {
    it('only LitmosTrainingClient makes HTTP calls', () => {
        const http = sources.filter((f) => /RESTMessageV2|sn_ws\.|GlideHTTP|XMLHttpRequest|fetch\(/.test(read(f)))
        assert.deepEqual(http, ['src/script-includes/LitmosTrainingClient.server.js'])
    })

    it('browser code never touches the API key or the configuration table', () => {
        for (const f of sources.filter((f) => f.startsWith('src/ui/') || f.endsWith('.client.js'))) {
            assert.doesNotMatch(read(f), /api_key|x_litmo_litmos_int_configuration|Authorization/, f)
        }
        for (const f of sources.filter((f) => f.startsWith('src/fluent/'))) {
            const text = read(f)
            for (const m of text.matchAll(/script: `([\s\S]*?)`/g)) assert.doesNotMatch(m[1], /api_key|Authorization/, f)
        }
    })

    it('Fluent files only declare records (scripts they carry are strings)', () => {
        for (const f of sources.filter((f) => f.startsWith('src/fluent/'))) {
            const declarations = read(f).replace(/script: `[\s\S]*?`/g, 'script: ``')
            assert.doesNotMatch(declarations, /GlideRecord|LitmosTrainingClient\(|\.execute\(\)|\bfor \(|\bwhile \(/, f)
        }
    })
})

describe('ATF tests', () => {
    it('name the Assign Courses action by its sys_id in generated/keys.ts', () => {
        const keys = read('src/fluent/generated/keys.ts')
        const id = /'action-assign-courses': \{\s*table: 'sys_ui_action'\s*id: '([0-9a-f]{32})'/.exec(keys)[1]
        assert.match(read('src/fluent/atf.now.ts'), new RegExp(`ASSIGN_COURSES_ACTION = '${id}'`))
    })
})

describe('built app', () => {
    const update = join(root, 'dist/app/update')
    it('was built (ci-offline.sh runs now-sdk build first)', () => assert.ok(existsSync(update), 'run `npx now-sdk build` first'))
    const built = existsSync(update) ? readdirSync(update).map((f) => readFileSync(join(update, f), 'utf8')) : []
    const modulePaths = built.flatMap((x) => [...x.matchAll(/<path>([^<]+)<\/path>/g)].map((m) => m[1]))

    it('every hand-written require() names a module the app ships, with the function it calls', async () => {
        const wanted = sources.flatMap((f) =>
            [...read(f).matchAll(/require\('([^']+)'\)\.(\w+)/g)].map((m) => ({ file: f, path: m[1], fn: m[2] })),
        )
        assert.ok(wanted.length >= 3, 'the remote tables and the Ajax bridge require modules')
        for (const w of wanted) {
            assert.ok(modulePaths.includes(w.path), `${w.file}: ${w.path} is not a built sys_module`)
            const local = w.path.replace(/^x_litmo_litmos_int\/[^/]+\/[^/]+\//, '')
            const mod = await import(join(root, local))
            assert.equal(typeof mod[w.fn], 'function', `${w.path} exports ${w.fn}`)
        }
    })

    it('ships the role, the menu, both script includes, the remote tables, the job and the tests', () => {
        const all = built.join('\n')
        for (const needle of [
            '<name>x_litmo_litmos_int.litmos_training_user</name>',
            '<title>Litmos Training</title>',
            '<name>LitmosTrainingClient</name>',
            '<name>LitmosTrainingAjax</name>',
            '<name>x_litmo_litmos_int_st_course</name>',
            '<name>x_litmo_litmos_int_st_training</name>',
            '<scriptable_table>true</scriptable_table>',
            'sysauto_script',
            'sys_atf_test',
        ]) {
            assert.ok(all.includes(needle), needle)
        }
        assert.equal(relative(root, update), join('dist', 'app', 'update'))
    })
})

describe('ATF tests as shipped', () => {
    it('only the UI checks are active; tests that need or create Litmos data are inactive and say so', async () => {
        const { declared } = await import('../support/app.mjs')
        const tests = declared('Test')
        assert.ok(tests.length >= 4)
        for (const t of tests) {
            const touchesLitmos = /LitmosTrainingClient|assignSelected/.test(String(t.fn))
            assert.equal(t.active, !touchesLitmos, t.name)
            if (!t.active) assert.match(t.description, /^Shipped inactive: /, t.name)
        }
    })
})
